"""Property: whatever bytes arrive, every file given produces exactly one valid record."""
from __future__ import annotations

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intake.cli import main
from tests.helpers import parse_jsonl, validate_record

# Heads of real formats, so the generator reaches the image/PDF/e-mail readers, not only "unknown".
HEADS = [b"", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xe0", b"II*\x00", b"%PDF-1.4\n", b"PK\x03\x04",
         b"From: a@b.cn\r\nSubject: =?gbk?B?1+i1xA==?=\r\n\r\n", "申请书\n".encode("gb18030")]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(files=st.lists(st.tuples(st.sampled_from(HEADS), st.binary(max_size=300)), min_size=1, max_size=4))
def test_every_file_gives_exactly_one_valid_record(tmp_path_factory, files):
    folder = tmp_path_factory.mktemp("drop")
    home = tmp_path_factory.mktemp("home")
    paths = []
    for number, (head, body) in enumerate(files):
        path = folder / f"file-{number}.bin"
        path.write_bytes(head + body)
        paths.append(str(path))
    result = CliRunner().invoke(main, ["--home", str(home), "process", "--json", *paths])
    assert result.exit_code == 0, result.output
    records = parse_jsonl(result.stdout)
    assert [r["source"] for r in records] == paths
    for record in records:
        validate_record(record)
        assert (record["status"] == "failed") == (record["error"] is not None)
