import json
import shutil
import time

import pyarrow.dataset as ds
import pytest
from common import SEEDS

from geomap.cli import main
from geomap.corpus.merge import merge_events, merge_flows
from geomap.io import store as store_module
from geomap.io.export import flat_layer
from geomap.io.store import Pending, aggregate_store, article_key, from_row, ingest, read_store, to_row
from geomap.layers import LAYER_NAMES, build_layers
from geomap.pipeline import extract
from geomap.read.articles import read_corpus

NEW_ARTICLES = [
    {"id": "day2-1", "published": "2024-03-12", "outlet": "Example Wire",
     "text": "أفادت مصادر بأن طائرات شحن روسية هبطت في مطار حميميم في مارس 2024 وعلى متنها قطع غيار للدبابات."},
    {"id": "day2-2", "published": "2024-03-13",
     "text": "نفت وزارة الخارجية الإيرانية أن تكون طهران قد زودت روسيا بصواريخ باليستية، ووصفت التقارير بأنها كاذبة."},
    {"id": "day2-3", "published": "2023-07-30", "outlet": "Example Daily",
     "text": "زار وزير الدفاع الروسي العاصمة الكورية الشمالية بيونغ يانغ في يوليو 2023 والتقى كبار القادة العسكريين."},
]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    root = tmp_path_factory.mktemp("inputs")
    seeds = root / "seeds"
    shutil.copytree(SEEDS, seeds)
    day2 = root / "day2.jsonl"
    day2.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in NEW_ARTICLES) + "\n", encoding="utf-8")
    return seeds, day2


@pytest.fixture(scope="module")
def ingested(inputs, tmp_path_factory):
    """A store after three ingests: the seeds, the seeds again, the seeds and a new day's file."""
    seeds, day2 = inputs
    store = tmp_path_factory.mktemp("store") / "store"
    reports = [ingest([seeds], store), ingest([seeds], store), ingest([seeds, day2], store)]
    return store, reports


def _rows(store):
    table = ds.dataset(store / "articles", format="parquet", partitioning="hive").to_table()
    return sorted(table.to_pylist(), key=lambda row: row["key"])


def test_ingest_extracts_only_what_is_new(ingested):
    _, (first, again, more) = ingested
    assert (first.read, first.extracted, first.present) == (5, 5, 0)
    assert (again.read, again.extracted, again.present) == (5, 0, 5)
    assert (more.read, more.extracted, more.present) == (8, 3, 5)
    assert "3 extracted" in more.summary()


def test_store_is_partitioned_by_month_with_one_row_per_article(ingested):
    store, _ = ingested
    rows = _rows(store)
    assert len(rows) == 8 == len({r["key"] for r in rows})
    assert {r["month"] for r in rows} >= {"2024-03", "2023-07"}
    assert all((store / "articles" / f"month={r['month']}").is_dir() for r in rows)
    assert {r["run"] for r in rows} == {1, 2}


def test_build_from_store_equals_a_direct_build(ingested, inputs, tmp_path):
    store, _ = ingested
    direct = extract(read_corpus(list(inputs)))
    stored = read_store(store)
    assert [x.article.id for x in stored] == [x.article.id for x in direct]
    assert merge_flows(stored) == merge_flows(direct)
    assert merge_events(stored) == merge_events(direct)
    assert main(["build", *map(str, inputs), "-q", "--output", str(tmp_path / "a.html"),
                 "--layers", str(tmp_path / "a")]) == 0
    assert main(["build", "--store", str(store), "-q", "--output", str(tmp_path / "b.html"),
                 "--layers", str(tmp_path / "b")]) == 0
    for layer in ("routes", "events", "places"):
        assert (tmp_path / "a" / f"{layer}.geojson").read_bytes() == (tmp_path / "b" / f"{layer}.geojson").read_bytes()


@pytest.mark.parametrize(("since", "until"), [(None, None), ("2024-03", "2024-03-12"), ("2024", None)])
def test_the_aggregate_of_a_store_gives_the_layers_of_its_extractions(ingested, since, until):
    store, _ = ingested
    extractions = read_store(store, since, until)
    aggregate = aggregate_store(store, since, until)
    assert len(aggregate) == len(extractions)
    assert [x.article.id for x in aggregate.extractions()] == [x.article.id for x in extractions if x.flows or x.events]
    direct, stored = build_layers(extractions), build_layers(aggregate)
    for name in LAYER_NAMES:
        assert flat_layer(getattr(stored, name)).to_json() == flat_layer(getattr(direct, name)).to_json()
    assert stored.corpus == direct.corpus


def test_since_and_until_select_articles_by_publication_date(ingested):
    store, _ = ingested
    selected = read_store(store, since="2024-03", until="2024-03-12")
    assert [x.article.id for x in selected] == ["day2-1"]
    assert all(x.article.published >= "2024" for x in read_store(store, since="2024"))


def test_rows_hold_the_whole_extraction(inputs):
    [extraction] = extract(read_corpus(inputs[1]))[:1]
    row = to_row(extraction, article_key(extraction.article), "f", 1, 0)
    assert from_row(row) == extraction


def test_changed_fingerprint_extracts_every_stored_article_again(ingested, tmp_path, monkeypatch, inputs):
    store = tmp_path / "store"
    shutil.copytree(ingested[0], store)
    order = [x.article.id for x in read_store(store)]
    monkeypatch.setattr(store_module, "fingerprint", lambda: "another-vocabulary")
    notices = []
    assert len(read_store(store, say=notices.append)) == 0
    assert "left out" in notices[0]
    assert len(aggregate_store(store, say=notices.append)) == 0
    assert notices[1] == notices[0]
    report = ingest([inputs[1]], store, say=notices.append)
    assert "extracted again" in notices[-1]
    assert (report.extracted, report.reextracted, report.present) == (8, 8, 3)
    rows = _rows(store)
    assert len(rows) == 8 and {r["fingerprint"] for r in rows} == {"another-vocabulary"}
    assert [x.article.id for x in read_store(store)] == order


def test_ingest_command_reports_and_build_refuses_paths_with_store(ingested, inputs, capsys, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(ingested[0], store)
    assert main(["ingest", str(inputs[1]), "--store", str(store)]) == 0
    assert "3 articles read, 3 already in the store, 0 extracted" in capsys.readouterr().err
    assert main(["build", str(inputs[1]), "--store", str(store)]) == 2
    assert "not both" in capsys.readouterr().err
    assert main(["build", "--store", str(tmp_path / "nothing")]) == 2
    assert "no geomap store" in capsys.readouterr().err


def test_ingest_on_a_dask_cluster_writes_the_same_store(ingested, inputs, tmp_path):
    distributed = pytest.importorskip("distributed")
    from geomap.distributed import DaskEngine

    seeds, day2 = inputs
    store = tmp_path / "store"
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0") as cluster:
        client = distributed.Client(cluster)
        from geomap.distributed import GeomapResources

        client.register_plugin(GeomapResources(), name="geomap-resources")
        engine = DaskEngine(client)
        told = []
        reports = [ingest([seeds], store, engine=engine, batch_size=2, progress=lambda *n: told.append(n)),
                   ingest([seeds, day2], store, engine=engine, batch_size=2)]
        # the workers tell the client about each article of a running batch
        engine.every = 0
        batch = [Pending(a, article_key(a), 9, n) for n, a in enumerate(read_corpus(day2).articles)]
        running = []
        [(written, failures)] = engine(tmp_path / "other", "f", [("part-9", batch)], lambda *n: running.append(n))
        for _ in range(100):
            if ("part-9", 3) in running:
                break
            time.sleep(0.1)
        client.close()
    assert [(r.extracted, r.present) for r in reports] == [(5, 0), (3, 5)]
    assert _rows(store) == _rows(ingested[0])
    assert told[-1] == (5, 5) and [d for d, _ in told] == sorted(d for d, _ in told)
    assert (written, failures) == (3, []) and {("part-9", n) for n in (1, 2, 3)} <= set(running)


def test_ingest_tells_progress_after_each_article(inputs, tmp_path):
    told = []
    ingest([inputs[0]], tmp_path / "store", batch_size=3, progress=lambda *n: told.append(n))
    done = [d for d, _ in told]
    assert done == sorted(done) and told[-1] == (5, 5)
    assert {1, 2, 4} <= set(done)  # within batches, not only when a batch of 3 ends


def test_ingest_shows_a_progress_bar_when_asked(inputs, tmp_path, capsys):
    store = tmp_path / "store"
    assert main(["ingest", str(inputs[1]), "--store", str(store)]) == 0
    assert "extracted:" not in capsys.readouterr().err  # not a terminal: no bar
    shutil.rmtree(store)
    assert main(["ingest", str(inputs[1]), "--store", str(store), "--progress", "-q"]) == 0
    err = capsys.readouterr().err
    assert "extracted:" in err and "3/3" in err


def test_scheduler_without_dask_says_how_to_install_it(inputs, tmp_path, monkeypatch, capsys):
    import sys

    monkeypatch.setitem(sys.modules, "distributed", None)
    assert main(["ingest", str(inputs[1]), "--store", str(tmp_path / "s"), "--scheduler", "local"]) == 2
    assert "pip install 'geomap[dask]'" in capsys.readouterr().err


def test_ingest_with_worker_processes_writes_the_same_store(ingested, inputs, tmp_path):
    from geomap.io.store import local_engine

    seeds, day2 = inputs
    store = tmp_path / "store"
    engine = local_engine(jobs=2)
    ingest([seeds], store, engine=engine, batch_size=2)
    ingest([seeds, day2], store, engine=engine, batch_size=2)
    assert _rows(store) == _rows(ingested[0])


@pytest.fixture(scope="module")
def scattered(inputs, tmp_path_factory):
    """A store of one file per article and month (ingests of batches of one), and its rows and layers."""
    seeds, day2 = inputs
    store = tmp_path_factory.mktemp("scattered") / "store"
    ingest([seeds], store, batch_size=1)
    ingest([seeds, day2], store, batch_size=1)
    return store, _rows(store), _layers(store)


def _layers(store):
    layers = build_layers(aggregate_store(store))
    return {name: flat_layer(getattr(layers, name)).to_json() for name in LAYER_NAMES}


def _files(store):
    return sorted(str(p.relative_to(store)) for p in (store / "articles").rglob("*.parquet"))


def _compacted(scattered, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(scattered[0], store)
    return store


def test_compact_keeps_every_row_and_the_build(scattered, inputs, tmp_path):
    store = _compacted(scattered, tmp_path)
    order = [x.article.id for x in read_store(store)]
    months = {p.parent for p in (store / "articles").rglob("*.parquet")}
    assert len(_files(store)) == 8 > len(months) == 6
    report = store_module.compact(store)
    assert (report.partitions, report.rows, report.files_read, report.files_written) == (2, 4, 4, 2)
    assert report.summary() == "4 files of 2 month partitions rewritten as 2 (4 articles)"
    assert len(_files(store)) == len(months)  # one file per month
    assert _rows(store) == scattered[1]
    assert [x.article.id for x in read_store(store)] == order
    assert _layers(store) == scattered[2]
    assert main(["build", "--store", str(store), "-q", "--output", str(tmp_path / "a.html"),
                 "--layers", str(tmp_path / "a")]) == 0
    assert main(["build", "--store", str(scattered[0]), "-q", "--output", str(tmp_path / "b.html"),
                 "--layers", str(tmp_path / "b")]) == 0
    for layer in ("routes", "events", "places"):
        assert (tmp_path / "a" / f"{layer}.geojson").read_bytes() == (tmp_path / "b" / f"{layer}.geojson").read_bytes()
    # compacting again changes nothing; ingesting again extracts nothing
    files = {p: p.stat().st_mtime_ns for p in (store / "articles").rglob("*.parquet")}
    again = store_module.compact(store)
    assert again.partitions == 0 and "nothing to compact" in again.summary()
    assert {p: p.stat().st_mtime_ns for p in (store / "articles").rglob("*.parquet")} == files
    report = ingest(list(inputs), store)
    assert (report.read, report.extracted, report.present) == (8, 0, 8)


def test_compacted_files_are_in_read_order_and_split_when_large(scattered, tmp_path, monkeypatch):
    store = _compacted(scattered, tmp_path)
    monkeypatch.setattr(store_module, "COMPACT_ROWS", 1)
    assert store_module.compact(store).partitions == 0  # one row per file already: as few files as can be
    monkeypatch.setattr(store_module, "COMPACT_ROWS", 2)
    store_module.compact(store)
    assert _rows(store) == scattered[1]
    for month in (store / "articles").iterdir():
        sizes = [len(ds.dataset(p).to_table()) for p in sorted(month.glob("*.parquet"))]
        table = ds.dataset(sorted(month.glob("*.parquet")), format="parquet").to_table(columns=["run", "position"])
        assert all(size <= 2 for size in sizes) and len(sizes) == -(-sum(sizes) // 2)
        assert table.to_pylist() == sorted(table.to_pylist(), key=lambda r: (r["run"], r["position"]))


def test_an_interrupted_compaction_loses_no_row(scattered, inputs, tmp_path, monkeypatch):
    import pyarrow.parquet as pq

    store = _compacted(scattered, tmp_path)
    before = _files(store)
    calls = []

    def fail_second(*args, **kwargs):  # the disk fills up while the second new file is written
        calls.append(args)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return write_table(*args, **kwargs)

    write_table = pq.write_table
    monkeypatch.setattr(pq, "write_table", fail_second)
    with pytest.raises(store_module.StoreError, match="cannot compact"):
        store_module.compact(store)
    monkeypatch.setattr(pq, "write_table", write_table)
    assert _rows(store) == scattered[1]  # the first partition is compacted, the rest as it was
    assert len(_files(store)) < len(before) and not list(store.rglob(".*"))

    # killed after the new files were written, before the old ones were removed: every row twice
    def fail(self, missing_ok=False):
        raise OSError(13, "Permission denied")

    store = _compacted(scattered, tmp_path / "killed")
    monkeypatch.setattr(type(store), "unlink", fail)
    with pytest.raises(store_module.StoreError):
        store_module.compact(store)
    monkeypatch.undo()
    assert len(_files(store)) > len(before)
    assert _layers(store) == scattered[2] and len(read_store(store)) == 8
    assert ingest(list(inputs), store).extracted == 0
    report = store_module.compact(store)
    assert report.duplicates > 0 and _rows(store) == scattered[1]


def test_compaction_keeps_each_fingerprint_in_files_of_its_own(scattered, inputs, tmp_path, monkeypatch):
    store = _compacted(scattered, tmp_path)
    # rows of an earlier vocabulary beside the current ones (an ingest interrupted while extracting again)
    stale = [{**row, "fingerprint": "earlier"} for row in scattered[1]]
    for row in stale:
        del row["month"]
    store_module.write_rows(store, stale, "part-000009-000000")
    store_module.compact(store)
    rows = _rows(store)
    assert len(rows) == 16 and sorted(r["fingerprint"] for r in rows).count("earlier") == 8
    for path in (store / "articles").rglob("*.parquet"):
        assert len(set(ds.dataset(path).to_table(columns=["fingerprint"])["fingerprint"].to_pylist())) == 1
    assert _layers(store) == scattered[2]
    report = ingest(list(inputs), store)  # the stale files go, the current rows stay
    assert (report.extracted, report.present) == (0, 8)
    assert _rows(store) == scattered[1]


def test_ingest_suggests_compacting_a_store_of_many_small_files(inputs, tmp_path, monkeypatch, capsys):
    store = tmp_path / "store"
    notices = []
    ingest([inputs[1]], store, batch_size=1, say=notices.append)
    assert not notices
    monkeypatch.setattr(store_module, "MANY_FILES", 3)
    ingest([inputs[1]], store, say=notices.append)
    assert len(notices) == 1 and f"'geomap compact --store {store}'" in notices[0]
    assert main(["compact", "--store", str(store)]) == 0
    assert "2 files of 1 month partition rewritten as 1 (2 articles)" in capsys.readouterr().err
    assert main(["compact", "--store", str(tmp_path / "nothing")]) == 2
    assert "no geomap store" in capsys.readouterr().err


def test_the_ingest_client_remembers_little_of_each_article(tmp_path, monkeypatch):
    """What an ingest keeps of each article read (its id and key, to tell repeats) is a few dozen bytes."""
    import tracemalloc

    from geomap import keyset

    monkeypatch.setattr(keyset, "BUFFER", 1_000)  # as with the default, for corpora 16 times as large

    corpus = tmp_path / "many.jsonl"
    records = ({"id": f"many-{n:06d}", "text": f"نص الخبر رقم {n}"} for n in range(12_000))
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    traced = {}

    def engine(store, print_, batches, progress=None):  # extracts nothing: only the client is measured
        for number, (_name, batch) in enumerate(batches, 1):
            if number in (4, 24):
                traced[number * len(batch)] = tracemalloc.get_traced_memory()[0]
            yield len(batch), []

    tracemalloc.start()
    try:
        report = ingest([corpus], tmp_path / "store", engine=engine)
    finally:
        tracemalloc.stop()
    assert report.extracted == 12_000
    (early, before), (late, after) = sorted(traced.items())
    assert (after - before) / (late - early) < 100  # bytes per article; 400 as strings in sets
