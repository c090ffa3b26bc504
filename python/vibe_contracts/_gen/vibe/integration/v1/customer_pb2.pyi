from vibe_contracts._gen.vibe.options.v1 import options_pb2 as _options_pb2
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class Currency(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CURRENCY_UNSPECIFIED: _ClassVar[Currency]
    CURRENCY_USD: _ClassVar[Currency]
    CURRENCY_EUR: _ClassVar[Currency]
    CURRENCY_RUB: _ClassVar[Currency]
    CURRENCY_GBP: _ClassVar[Currency]
    CURRENCY_CNY: _ClassVar[Currency]
CURRENCY_UNSPECIFIED: Currency
CURRENCY_USD: Currency
CURRENCY_EUR: Currency
CURRENCY_RUB: Currency
CURRENCY_GBP: Currency
CURRENCY_CNY: Currency

class Customer(_message.Message):
    __slots__ = ("email", "phone", "first_name", "last_name")
    EMAIL_FIELD_NUMBER: _ClassVar[int]
    PHONE_FIELD_NUMBER: _ClassVar[int]
    FIRST_NAME_FIELD_NUMBER: _ClassVar[int]
    LAST_NAME_FIELD_NUMBER: _ClassVar[int]
    email: str
    phone: str
    first_name: str
    last_name: str
    def __init__(self, email: _Optional[str] = ..., phone: _Optional[str] = ..., first_name: _Optional[str] = ..., last_name: _Optional[str] = ...) -> None: ...
