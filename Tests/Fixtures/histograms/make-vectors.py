#!/usr/bin/env python3
"""Writes hdrhistogram-vectors.json: histograms encoded by another
implementation (the `hdrhistogram` package from PyPI), with the counts they
hold, for HistogramCodecTests to decode and compare bucket by bucket.

    python3 -m venv /tmp/hdr && /tmp/hdr/bin/pip install hdrhistogram==0.10.8
    /tmp/hdr/bin/python Tests/Fixtures/histograms/make-vectors.py > Tests/Fixtures/histograms/hdrhistogram-vectors.json
"""
import json
from importlib.metadata import version

from hdrh.histogram import HdrHistogram


def vector(name, lowest, highest, digits, values):
    h = HdrHistogram(lowest, highest, digits)
    for value, count in values:
        h.record_value(value, count)
    buckets = [[i, h.get_count_at_index(i)] for i in range(h.counts_len) if h.get_count_at_index(i)]
    return {
        "name": name,
        "lowest": lowest,
        "highest": highest,
        "digits": digits,
        "recorded": [[v, c] for v, c in values],
        "base64": h.encode().decode("ascii"),
        "totalCount": h.get_total_count(),
        "buckets": buckets,
    }


vectors = [
    # battle's layout: microseconds, 1 us to 100 s, 3 significant digits
    vector("battle layout, a few latencies", 1, 100_000_000, 3,
           [(1, 1), (250, 3), (812, 40), (1_650, 7), (3_200, 2), (6_020, 1), (99_999, 1)]),
    vector("battle layout, large counts and the top of the range", 1, 100_000_000, 3,
           [(100, 1_000_000), (101, 123_456_789), (2_047, 2), (2_048, 3), (65_535, 70_000), (100_000_000, 5)]),
    vector("battle layout, one value", 1, 100_000_000, 3, [(42, 1)]),
    vector("nanoseconds to an hour, 2 digits", 1, 3_600_000_000_000, 2,
           [(1_000, 5), (15_000, 300), (1_500_000, 12), (2_000_000_000, 1)]),
    vector("unit 1000, 4 digits", 1_000, 10_000_000_000, 4, [(1_000, 1), (123_456_789, 9), (9_999_999_999, 2)]),
]
# One vector a line, so a change shows as a small diff.
lines = ",\n  ".join(json.dumps(v) for v in vectors)
print('{"generator": %s,\n "vectors": [\n  %s\n ]}' % (json.dumps("hdrhistogram %s (PyPI)" % version("hdrhistogram")), lines))
