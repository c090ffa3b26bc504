"""The TypeScript condition generated for a fixed-shape pattern gives the regex's verdict.

Differential, as `tests/codegen/test_shape.py` for Python: the condition the
generator writes into `validators.ts` (with the package's `digitsFrom`, from
typescript/dist) against a JavaScript `RegExp` of the pattern with the `u`
flag, as the generated code compiles the patterns it keeps, on the same
edge strings and on random ones.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess

import pytest

from codegen.emit_typescript import shape_condition
from codegen.shape import fixed_shape
from tests.codegen.test_shape import ALPHABET, SHAPED, edge_strings
from tests.cross._cases import ROOT

CHECK = ROOT / "typescript" / "dist" / "cjs" / "check.js"

# stdin: {"pattern", "condition", "strings"}; stdout: [[regex verdict, condition verdict], …]
SCRIPT = """
const { digitsFrom } = require(process.argv[1]);
const { pattern, condition, strings } = JSON.parse(require("node:fs").readFileSync(0, "utf8"));
const regex = new RegExp(pattern, "u");
const matches = new Function("digitsFrom", `return (x) => ${condition};`)(digitsFrom);
console.log(JSON.stringify(strings.map((x) => [regex.test(x), matches(x)])));
"""


def verdicts(pattern: str, strings: list[str]) -> list[list[bool]]:
    node = shutil.which("node")
    if node is None or not CHECK.is_file():
        pytest.fail("node and typescript/dist are needed: run `cd typescript && npm ci && npm run build`")
    shape = fixed_shape(pattern)
    assert shape is not None, pattern
    payload = {"pattern": pattern, "condition": shape_condition(shape, "x"), "strings": strings}
    done = subprocess.run([node, "-e", SCRIPT, str(CHECK)], input=json.dumps(payload), capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout)


@pytest.mark.parametrize("pattern", SHAPED)
def test_the_typescript_condition_agrees_with_the_regex(pattern: str) -> None:
    rng = random.Random(pattern)
    strings = edge_strings(pattern) + [
        "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(0, 18))) for _ in range(5000)
    ]
    got = verdicts(pattern, strings)
    assert any(regex for regex, _ in got) and not all(regex for regex, _ in got)  # both verdicts exercised
    for s, (regex, condition) in zip(strings, got, strict=True):
        assert condition == regex, repr(s)
