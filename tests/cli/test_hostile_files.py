"""Files the user names, attacked: FIFOs, devices, /proc files, special -o targets.

Every case must end in exit 1 with one line on stderr, promptly (a FIFO must never make
the program wait for a writer), and leave the special file as it was.
"""

from __future__ import annotations

import io
import os
import signal
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from workbench.cli.main import main
from workbench.services import attachments
from workbench.services.session import Session

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX FIFOs")


@pytest.fixture(autouse=True)
def no_hang() -> Iterator[None]:
    """Fail, rather than hang the suite, if anything waits on a FIFO."""
    def hung(signum: int, frame: object) -> None:
        raise TimeoutError("the command waited on a special file")

    old = signal.signal(signal.SIGALRM, hung)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


def run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    code = main([*args, "--db", str(db)])
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(code: int, err: str) -> str:
    assert code == 1, err
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    return err


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "teal").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe"
    os.mkfifo(path)
    return path


@pytest.fixture
def db(session: Session, demo_id: str) -> Path:
    path = session.path
    session.close()
    return path


def _inputs(demo_id: str, source: str) -> list[list[str]]:
    return [
        ["attach", demo_id, "D1.1", source],
        ["engagement", "import", source],
        ["import", "xlsx", source],
        ["signoff", demo_id, "--signer", "A", "--role", "Lead", "--passphrase-file", source],
        ["signoff", demo_id, "--signer", "A", "--role", "Lead", "--signature", source,
         "--accept-warnings"],
        ["verify", source],
    ]


@pytest.mark.parametrize("kind", ["fifo", "/dev/zero", "/proc/self/environ", "folder"])
def test_special_inputs_are_refused_at_once(capsys: pytest.CaptureFixture[str], db: Path,
                                            demo_id: str, fifo: Path, tmp_path: Path,
                                            kind: str) -> None:
    source = {"fifo": str(fifo), "folder": str(tmp_path)}.get(kind, kind)
    for args in _inputs(demo_id, source):
        code, _, err = run(capsys, db, *args)
        message = one_line_error(code, err)
        assert any(word in message for word in (
            "not a regular file", "system file", "is a folder")), (args, message)
    code, out, _ = run(capsys, db, "readiness", demo_id, "--json")
    assert code == 0 and '"status": "draft"' in out  # nothing was signed or attached
    s = Session.open(db)
    try:
        assert attachments.attachments(s, demo_id) == []
    finally:
        s.close()


def _targets(tmp_path: Path, fifo: Path) -> dict[str, Path]:
    to_stdout = tmp_path / "to-stdout"
    to_stdout.symlink_to("/proc/self/fd/1")
    to_fifo = tmp_path / "to-fifo"
    to_fifo.symlink_to(fifo)
    dangling = tmp_path / "dangling"
    dangling.symlink_to(tmp_path / "nowhere" / "x")
    return {"fifo": fifo, "link to stdout": to_stdout, "link to fifo": to_fifo,
            "dangling link": dangling, "folder": tmp_path,
            "missing folder": tmp_path / "missing" / "x"}


def test_special_output_targets_are_refused_and_kept(capsys: pytest.CaptureFixture[str],
                                                    db: Path, demo_id: str, fifo: Path,
                                                    tmp_path: Path) -> None:
    for what, target in _targets(tmp_path, fifo).items():
        for args in (["export", "pdf", demo_id, "-o", str(target)],
                     ["export", "xlsx", demo_id, "-o", str(target)],
                     ["engagement", "export", demo_id, "-o", str(target)],
                     ["signoff", demo_id, "--signer", "A", "--role", "Lead",
                      "--accept-warnings", "-o", str(target)]):
            code, _, err = run(capsys, db, *args)
            assert code == 1, (what, args)
            one_line_error(code, err)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert os.readlink(tmp_path / "to-stdout") == "/proc/self/fd/1"
    code, out, _ = run(capsys, db, "readiness", demo_id, "--json")
    assert '"status": "draft"' in out  # the refused sign-offs locked nothing


def test_attachment_types_come_from_the_content(session: Session, demo_id: str,
                                                tmp_path: Path) -> None:
    disguised = tmp_path / "minutes.pdf"
    disguised.write_bytes(png())
    with pytest.raises(Exception, match="the name says application/pdf but the content is "
                                        "image/png"):
        attachments.attach_file(session, demo_id, "D1.1", disguised)
    bare = tmp_path / "scan"
    bare.write_bytes(png())
    attachments.attach_file(session, demo_id, "D1.1", bare)
    text = tmp_path / "notes.txt"
    text.write_bytes(png())
    attachments.attach_file(session, demo_id, "D1.2", text)  # one file once per element
    stored = {a.filename: a.media_type for a in attachments.attachments(session, demo_id)}
    assert stored == {"scan": "image/png", "notes.txt": "image/png"}


def test_a_regular_file_is_still_attached_and_exported(capsys: pytest.CaptureFixture[str],
                                                       db: Path, demo_id: str,
                                                       tmp_path: Path) -> None:
    photo = tmp_path / "board.png"
    photo.write_bytes(png())
    code, _, err = run(capsys, db, "attach", demo_id, "D1.1", str(photo))
    assert code == 0, err
    out_json = tmp_path / "e.json"
    code, _, err = run(capsys, db, "engagement", "export", demo_id, "-o", str(out_json))
    assert code == 0, err
    assert stat.S_IMODE(out_json.stat().st_mode) & 0o644 == 0o644
    code, _, err = run(capsys, db, "engagement", "import", str(out_json))
    assert code == 0, err
