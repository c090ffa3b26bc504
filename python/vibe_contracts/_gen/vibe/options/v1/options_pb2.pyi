from google.protobuf import descriptor_pb2 as _descriptor_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor
FIELD_FIELD_NUMBER: _ClassVar[int]
field: _descriptor.FieldDescriptor
MESSAGE_FIELD_NUMBER: _ClassVar[int]
message: _descriptor.FieldDescriptor
VALUE_FIELD_NUMBER: _ClassVar[int]
value: _descriptor.FieldDescriptor
FILE_FIELD_NUMBER: _ClassVar[int]
file: _descriptor.FieldDescriptor

class FieldRules(_message.Message):
    __slots__ = ("required", "pii", "min_len", "max_len", "pattern", "minimum", "maximum", "exclusive_maximum", "multiple_of", "min_items", "max_items", "unique", "unique_by", "not_before")
    REQUIRED_FIELD_NUMBER: _ClassVar[int]
    PII_FIELD_NUMBER: _ClassVar[int]
    MIN_LEN_FIELD_NUMBER: _ClassVar[int]
    MAX_LEN_FIELD_NUMBER: _ClassVar[int]
    PATTERN_FIELD_NUMBER: _ClassVar[int]
    MINIMUM_FIELD_NUMBER: _ClassVar[int]
    MAXIMUM_FIELD_NUMBER: _ClassVar[int]
    EXCLUSIVE_MAXIMUM_FIELD_NUMBER: _ClassVar[int]
    MULTIPLE_OF_FIELD_NUMBER: _ClassVar[int]
    MIN_ITEMS_FIELD_NUMBER: _ClassVar[int]
    MAX_ITEMS_FIELD_NUMBER: _ClassVar[int]
    UNIQUE_FIELD_NUMBER: _ClassVar[int]
    UNIQUE_BY_FIELD_NUMBER: _ClassVar[int]
    NOT_BEFORE_FIELD_NUMBER: _ClassVar[int]
    required: bool
    pii: bool
    min_len: int
    max_len: int
    pattern: str
    minimum: float
    maximum: float
    exclusive_maximum: float
    multiple_of: float
    min_items: int
    max_items: int
    unique: bool
    unique_by: str
    not_before: str
    def __init__(self, required: _Optional[bool] = ..., pii: _Optional[bool] = ..., min_len: _Optional[int] = ..., max_len: _Optional[int] = ..., pattern: _Optional[str] = ..., minimum: _Optional[float] = ..., maximum: _Optional[float] = ..., exclusive_maximum: _Optional[float] = ..., multiple_of: _Optional[float] = ..., min_items: _Optional[int] = ..., max_items: _Optional[int] = ..., unique: _Optional[bool] = ..., unique_by: _Optional[str] = ..., not_before: _Optional[str] = ...) -> None: ...

class MessageRules(_message.Message):
    __slots__ = ("topic", "key_field")
    TOPIC_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_FIELD_NUMBER: _ClassVar[int]
    topic: str
    key_field: str
    def __init__(self, topic: _Optional[str] = ..., key_field: _Optional[str] = ...) -> None: ...

class EnumValueRules(_message.Message):
    __slots__ = ("json", "fallback")
    JSON_FIELD_NUMBER: _ClassVar[int]
    FALLBACK_FIELD_NUMBER: _ClassVar[int]
    json: str
    fallback: bool
    def __init__(self, json: _Optional[str] = ..., fallback: _Optional[bool] = ...) -> None: ...

class FileRules(_message.Message):
    __slots__ = ("contract_version",)
    CONTRACT_VERSION_FIELD_NUMBER: _ClassVar[int]
    contract_version: str
    def __init__(self, contract_version: _Optional[str] = ...) -> None: ...
