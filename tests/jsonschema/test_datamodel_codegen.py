"""The published schemas work with the standard tool: datamodel-code-generator's pydantic models of
contracts/jsonschema/ accept every valid vector and refuse every invalid vector JSON Schema can express.

The options are the ones a team should use (the README names them):
`--use-missing-sentinel` (an optional field may be absent, not null, as writers
must), `--generate-schema-validators` (uniqueItems), `--strict-types str int
bool` (no "100" or true taken for an integer). A JSON Schema validator is the
reference for what JSON Schema expresses; the few rules beyond it (ticket ids
unique by `id`, `finish_at` not before `start_at`, the category fallback) are
the libraries' own.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
import warnings
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from pydantic import BaseModel, ValidationError

ROOT = Path(__file__).parents[2]
OPTIONS = [
    "--input-file-type", "jsonschema", "--output-model-type", "pydantic_v2.BaseModel", "--formatters", "builtin",
    "--use-missing-sentinel", "--generate-schema-validators", "--strict-types", "str", "int", "bool",
]
#: Valid vectors the generated models refuse, and why. pydantic's integer is either lax
#: ("100" and true pass) or strict (1000.0 is refused); strict is the safe side, and the
#: libraries never write an integer with a fraction.
REFUSED_VALID = {("order", "integral-float-price"): "a strict int refuses 1000.0, which JSON Schema calls an integer"}
VECTORS = [json.loads(f.read_text()) for f in sorted((ROOT / "examples" / "vectors").glob("*.json"))]
FORMS = {"writer": "strict", "reader": "tolerant"}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Any:
    out = tmp_path_factory.mktemp("datamodel") / "contract_models"
    tool = Path(sys.executable).with_name("datamodel-codegen")
    subprocess.run([str(tool), "--input", str(ROOT / "contracts" / "jsonschema"), "--output", str(out), *OPTIONS],
                   check=True, capture_output=True, text=True)
    sys.path.insert(0, str(out.parent))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the MISSING sentinel is experimental in pydantic
            yield lambda module: importlib.import_module(f"contract_models.{module}")
    finally:
        sys.path.remove(str(out.parent))
        for name in [n for n in sys.modules if n.startswith("contract_models")]:
            del sys.modules[name]


def root_model(module: ModuleType, schema: dict[str, Any]) -> type[BaseModel]:
    """The model of the schema's root: the last one the module defines (its parts come first)."""
    models = [v for v in vars(module).values()
              if isinstance(v, type) and issubclass(v, BaseModel) and v.__module__ == module.__name__]
    model = models[-1]
    assert list(model.model_fields) == list(schema["properties"])
    return model


def cases() -> list[Any]:
    out = []
    for doc in VECTORS:
        for form, mode in FORMS.items():
            for case in doc["valid"] + doc["invalid"]:
                if "json" in case:
                    valid = (case in doc["valid"] and (form == "reader" or not case.get("strict_errors"))) or (
                        case in doc["invalid"] and mode not in case["modes"])
                    out.append(pytest.param(doc["message"], form, case["name"], case["json"], valid,
                                            id=f"{doc['message']}-{form}-{case['name']}"))
    return out


@pytest.mark.parametrize(("message", "form", "name", "document", "valid"), cases())
def test_generated_models_agree_with_the_schema(generated: Any, message: str, form: str, name: str,
                                                document: Any, valid: bool) -> None:
    full_name = f"vibe.integration.v1.{message.capitalize()}"
    schema = json.loads((ROOT / "contracts" / "jsonschema" / f"{full_name}.{form}.schema.json").read_text())
    model = root_model(generated(f"{full_name.replace('.', '_')}_{form}_schema"), schema)
    try:
        model.model_validate(document)
        accepted = True
    except ValidationError:
        accepted = False
    expressible = Draft202012Validator(schema).is_valid(document) == valid
    if valid:
        assert accepted != ((message, name) in REFUSED_VALID)
    elif expressible:
        assert not accepted
    else:  # beyond JSON Schema: the libraries' own rules
        assert Draft202012Validator(schema).is_valid(document)
