from vibe_contracts._gen.vibe.integration.v1 import organizer_pb2 as _organizer_pb2
from vibe_contracts._gen.vibe.options.v1 import options_pb2 as _options_pb2
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class EventStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    EVENT_STATUS_UNSPECIFIED: _ClassVar[EventStatus]
    EVENT_STATUS_ACTIVE: _ClassVar[EventStatus]
    EVENT_STATUS_PAUSED: _ClassVar[EventStatus]
    EVENT_STATUS_FINISHED: _ClassVar[EventStatus]
    EVENT_STATUS_CANCELLED: _ClassVar[EventStatus]

class EventCategory(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    EVENT_CATEGORY_UNSPECIFIED: _ClassVar[EventCategory]
    EVENT_CATEGORY_BALLET: _ClassVar[EventCategory]
    EVENT_CATEGORY_BUSINESS: _ClassVar[EventCategory]
    EVENT_CATEGORY_CIRCUS: _ClassVar[EventCategory]
    EVENT_CATEGORY_CONCERT: _ClassVar[EventCategory]
    EVENT_CATEGORY_DEVELOPMENT: _ClassVar[EventCategory]
    EVENT_CATEGORY_EXCURSION: _ClassVar[EventCategory]
    EVENT_CATEGORY_EXHIBITION: _ClassVar[EventCategory]
    EVENT_CATEGORY_FESTIVAL: _ClassVar[EventCategory]
    EVENT_CATEGORY_GAMES: _ClassVar[EventCategory]
    EVENT_CATEGORY_HEALTH: _ClassVar[EventCategory]
    EVENT_CATEGORY_KIDS: _ClassVar[EventCategory]
    EVENT_CATEGORY_MOVIE: _ClassVar[EventCategory]
    EVENT_CATEGORY_MUSEUM: _ClassVar[EventCategory]
    EVENT_CATEGORY_MUSICAL: _ClassVar[EventCategory]
    EVENT_CATEGORY_PARTY: _ClassVar[EventCategory]
    EVENT_CATEGORY_SHOW: _ClassVar[EventCategory]
    EVENT_CATEGORY_SPORT: _ClassVar[EventCategory]
    EVENT_CATEGORY_STANDUP: _ClassVar[EventCategory]
    EVENT_CATEGORY_TEST: _ClassVar[EventCategory]
    EVENT_CATEGORY_THEATER: _ClassVar[EventCategory]
    EVENT_CATEGORY_WORKSHOP: _ClassVar[EventCategory]
    EVENT_CATEGORY_OTHER: _ClassVar[EventCategory]
EVENT_STATUS_UNSPECIFIED: EventStatus
EVENT_STATUS_ACTIVE: EventStatus
EVENT_STATUS_PAUSED: EventStatus
EVENT_STATUS_FINISHED: EventStatus
EVENT_STATUS_CANCELLED: EventStatus
EVENT_CATEGORY_UNSPECIFIED: EventCategory
EVENT_CATEGORY_BALLET: EventCategory
EVENT_CATEGORY_BUSINESS: EventCategory
EVENT_CATEGORY_CIRCUS: EventCategory
EVENT_CATEGORY_CONCERT: EventCategory
EVENT_CATEGORY_DEVELOPMENT: EventCategory
EVENT_CATEGORY_EXCURSION: EventCategory
EVENT_CATEGORY_EXHIBITION: EventCategory
EVENT_CATEGORY_FESTIVAL: EventCategory
EVENT_CATEGORY_GAMES: EventCategory
EVENT_CATEGORY_HEALTH: EventCategory
EVENT_CATEGORY_KIDS: EventCategory
EVENT_CATEGORY_MOVIE: EventCategory
EVENT_CATEGORY_MUSEUM: EventCategory
EVENT_CATEGORY_MUSICAL: EventCategory
EVENT_CATEGORY_PARTY: EventCategory
EVENT_CATEGORY_SHOW: EventCategory
EVENT_CATEGORY_SPORT: EventCategory
EVENT_CATEGORY_STANDUP: EventCategory
EVENT_CATEGORY_TEST: EventCategory
EVENT_CATEGORY_THEATER: EventCategory
EVENT_CATEGORY_WORKSHOP: EventCategory
EVENT_CATEGORY_OTHER: EventCategory

class Event(_message.Message):
    __slots__ = ("id", "group_id", "name", "status", "category", "start_at", "finish_at", "offset", "media", "description", "organizer", "venue")
    ID_FIELD_NUMBER: _ClassVar[int]
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    START_AT_FIELD_NUMBER: _ClassVar[int]
    FINISH_AT_FIELD_NUMBER: _ClassVar[int]
    OFFSET_FIELD_NUMBER: _ClassVar[int]
    MEDIA_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    ORGANIZER_FIELD_NUMBER: _ClassVar[int]
    VENUE_FIELD_NUMBER: _ClassVar[int]
    id: str
    group_id: str
    name: str
    status: EventStatus
    category: EventCategory
    start_at: int
    finish_at: int
    offset: float
    media: str
    description: str
    organizer: _organizer_pb2.Organizer
    venue: Venue
    def __init__(self, id: _Optional[str] = ..., group_id: _Optional[str] = ..., name: _Optional[str] = ..., status: _Optional[_Union[EventStatus, str]] = ..., category: _Optional[_Union[EventCategory, str]] = ..., start_at: _Optional[int] = ..., finish_at: _Optional[int] = ..., offset: _Optional[float] = ..., media: _Optional[str] = ..., description: _Optional[str] = ..., organizer: _Optional[_Union[_organizer_pb2.Organizer, _Mapping]] = ..., venue: _Optional[_Union[Venue, _Mapping]] = ...) -> None: ...

class Venue(_message.Message):
    __slots__ = ("id", "name", "address", "description", "zipcode", "city_name", "lat", "lon")
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    ZIPCODE_FIELD_NUMBER: _ClassVar[int]
    CITY_NAME_FIELD_NUMBER: _ClassVar[int]
    LAT_FIELD_NUMBER: _ClassVar[int]
    LON_FIELD_NUMBER: _ClassVar[int]
    id: str
    name: str
    address: str
    description: str
    zipcode: str
    city_name: str
    lat: float
    lon: float
    def __init__(self, id: _Optional[str] = ..., name: _Optional[str] = ..., address: _Optional[str] = ..., description: _Optional[str] = ..., zipcode: _Optional[str] = ..., city_name: _Optional[str] = ..., lat: _Optional[float] = ..., lon: _Optional[float] = ...) -> None: ...
