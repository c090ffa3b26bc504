from vibe_contracts._gen.vibe.options.v1 import options_pb2 as _options_pb2
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class LegalType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    LEGAL_TYPE_UNSPECIFIED: _ClassVar[LegalType]
    LEGAL_TYPE_RU_LTD: _ClassVar[LegalType]
    LEGAL_TYPE_RU_LP: _ClassVar[LegalType]
    LEGAL_TYPE_EN_LTD: _ClassVar[LegalType]
LEGAL_TYPE_UNSPECIFIED: LegalType
LEGAL_TYPE_RU_LTD: LegalType
LEGAL_TYPE_RU_LP: LegalType
LEGAL_TYPE_EN_LTD: LegalType

class Organizer(_message.Message):
    __slots__ = ("id", "name", "legals")
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    LEGALS_FIELD_NUMBER: _ClassVar[int]
    id: str
    name: str
    legals: Legals
    def __init__(self, id: _Optional[str] = ..., name: _Optional[str] = ..., legals: _Optional[_Union[Legals, _Mapping]] = ...) -> None: ...

class Legals(_message.Message):
    __slots__ = ("name", "type", "inn", "ogrn", "address")
    NAME_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    INN_FIELD_NUMBER: _ClassVar[int]
    OGRN_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    name: str
    type: LegalType
    inn: str
    ogrn: str
    address: str
    def __init__(self, name: _Optional[str] = ..., type: _Optional[_Union[LegalType, str]] = ..., inn: _Optional[str] = ..., ogrn: _Optional[str] = ..., address: _Optional[str] = ...) -> None: ...
