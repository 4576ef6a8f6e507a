"""Write tests/data/schema-vN.annotator: a small project frozen at the current schema version.

Run once per released schema version (`python tests/data/make_frozen_project.py`) and commit the
file; tests/storage/test_upgrade.py opens every frozen file and checks it upgrades intact.
"""

import sqlite3
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from annotator.core.model import AUTHOR  # noqa: E402
from annotator.sample import create_sample_project  # noqa: E402
from annotator.storage import Project  # noqa: E402
from annotator.storage.schema import SCHEMA_VERSION  # noqa: E402


def main() -> None:
    out = HERE / f"schema-v{SCHEMA_VERSION}.annotator"
    tmp = HERE / "frozen.tmp"
    for f in (tmp, Path(str(tmp) + "-wal"), Path(str(tmp) + "-shm")):
        f.unlink(missing_ok=True)
    create_sample_project(tmp)
    with Project.open(tmp) as p:
        aid = p.article_ids()[0]
        m = p.mentions(aid)[0]
        p.set_mention_status(m.id, "accepted", "frozen")
        sid = p.set_stance(aid, AUTHOR, "TUR", "FAVOR", "frozen", note="frozen fixture")
        p.add_evidence(sid, m.start, m.end, "frozen")
        p.set_stance(aid, "USA", "TUR", "AGAINST", "frozen")
        p.set_status(aid, "frozen", "done")
        p.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    c = sqlite3.connect(tmp)
    c.execute("PRAGMA journal_mode = DELETE")
    c.execute("VACUUM")
    c.close()
    tmp.replace(out)
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
