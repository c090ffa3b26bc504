from vibe_contracts._gen.vibe.integration.v1 import customer_pb2 as _customer_pb2
from vibe_contracts._gen.vibe.options.v1 import options_pb2 as _options_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Order(_message.Message):
    __slots__ = ("id", "number", "customer", "tickets")
    ID_FIELD_NUMBER: _ClassVar[int]
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    TICKETS_FIELD_NUMBER: _ClassVar[int]
    id: str
    number: str
    customer: _customer_pb2.Customer
    tickets: _containers.RepeatedCompositeFieldContainer[OrderTicket]
    def __init__(self, id: _Optional[str] = ..., number: _Optional[str] = ..., customer: _Optional[_Union[_customer_pb2.Customer, _Mapping]] = ..., tickets: _Optional[_Iterable[_Union[OrderTicket, _Mapping]]] = ...) -> None: ...

class OrderTicket(_message.Message):
    __slots__ = ("id", "event_id", "barcode", "number", "series", "row", "seat", "category", "description", "price_nominal", "currency")
    ID_FIELD_NUMBER: _ClassVar[int]
    EVENT_ID_FIELD_NUMBER: _ClassVar[int]
    BARCODE_FIELD_NUMBER: _ClassVar[int]
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    SERIES_FIELD_NUMBER: _ClassVar[int]
    ROW_FIELD_NUMBER: _ClassVar[int]
    SEAT_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    PRICE_NOMINAL_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    id: str
    event_id: str
    barcode: str
    number: str
    series: str
    row: str
    seat: str
    category: str
    description: str
    price_nominal: int
    currency: _customer_pb2.Currency
    def __init__(self, id: _Optional[str] = ..., event_id: _Optional[str] = ..., barcode: _Optional[str] = ..., number: _Optional[str] = ..., series: _Optional[str] = ..., row: _Optional[str] = ..., seat: _Optional[str] = ..., category: _Optional[str] = ..., description: _Optional[str] = ..., price_nominal: _Optional[int] = ..., currency: _Optional[_Union[_customer_pb2.Currency, str]] = ...) -> None: ...
