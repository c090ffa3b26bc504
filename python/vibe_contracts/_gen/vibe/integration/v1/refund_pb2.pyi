from vibe_contracts._gen.vibe.integration.v1 import customer_pb2 as _customer_pb2
from vibe_contracts._gen.vibe.options.v1 import options_pb2 as _options_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Refund(_message.Message):
    __slots__ = ("id", "customer", "ticket_ids")
    ID_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    TICKET_IDS_FIELD_NUMBER: _ClassVar[int]
    id: str
    customer: _customer_pb2.Customer
    ticket_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, id: _Optional[str] = ..., customer: _Optional[_Union[_customer_pb2.Customer, _Mapping]] = ..., ticket_ids: _Optional[_Iterable[str]] = ...) -> None: ...
