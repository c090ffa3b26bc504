from vibe_contracts._gen.vibe.integration.v1 import customer_pb2 as _customer_pb2
from vibe_contracts._gen.vibe.options.v1 import options_pb2 as _options_pb2
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class TicketStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    TICKET_STATUS_UNSPECIFIED: _ClassVar[TicketStatus]
    TICKET_STATUS_ACTIVE: _ClassVar[TicketStatus]
    TICKET_STATUS_USED: _ClassVar[TicketStatus]
    TICKET_STATUS_CANCELLED: _ClassVar[TicketStatus]
    TICKET_STATUS_REFUNDED: _ClassVar[TicketStatus]
TICKET_STATUS_UNSPECIFIED: TicketStatus
TICKET_STATUS_ACTIVE: TicketStatus
TICKET_STATUS_USED: TicketStatus
TICKET_STATUS_CANCELLED: TicketStatus
TICKET_STATUS_REFUNDED: TicketStatus

class Ticket(_message.Message):
    __slots__ = ("id", "status", "barcode", "customer", "event_id", "organizer_id", "order_id", "number", "series", "row", "seat", "category", "description", "price_nominal", "currency")
    ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    BARCODE_FIELD_NUMBER: _ClassVar[int]
    CUSTOMER_FIELD_NUMBER: _ClassVar[int]
    EVENT_ID_FIELD_NUMBER: _ClassVar[int]
    ORGANIZER_ID_FIELD_NUMBER: _ClassVar[int]
    ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    SERIES_FIELD_NUMBER: _ClassVar[int]
    ROW_FIELD_NUMBER: _ClassVar[int]
    SEAT_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    PRICE_NOMINAL_FIELD_NUMBER: _ClassVar[int]
    CURRENCY_FIELD_NUMBER: _ClassVar[int]
    id: str
    status: TicketStatus
    barcode: str
    customer: _customer_pb2.Customer
    event_id: str
    organizer_id: str
    order_id: str
    number: str
    series: str
    row: str
    seat: str
    category: str
    description: str
    price_nominal: int
    currency: _customer_pb2.Currency
    def __init__(self, id: _Optional[str] = ..., status: _Optional[_Union[TicketStatus, str]] = ..., barcode: _Optional[str] = ..., customer: _Optional[_Union[_customer_pb2.Customer, _Mapping]] = ..., event_id: _Optional[str] = ..., organizer_id: _Optional[str] = ..., order_id: _Optional[str] = ..., number: _Optional[str] = ..., series: _Optional[str] = ..., row: _Optional[str] = ..., seat: _Optional[str] = ..., category: _Optional[str] = ..., description: _Optional[str] = ..., price_nominal: _Optional[int] = ..., currency: _Optional[_Union[_customer_pb2.Currency, str]] = ...) -> None: ...
