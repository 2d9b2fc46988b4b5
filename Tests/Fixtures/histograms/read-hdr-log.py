#!/usr/bin/env python3
"""Reads an HdrHistogram interval log with Python's hdrhistogram package (an
implementation independent of battle's) and prints what it found as JSON:
per interval its start (seconds from the log's StartTime), length, count and
maximum, and over all intervals the count and the values at some
percentiles. Percentiles use HdrHistogram's Java rule, the value at rank
ceil(p/100 * count), with whole ranks not rounded up by float error (the
package's own get_value_at_percentile rounds the rank to nearest instead).

    read-hdr-log.py FILE.hlog
"""
import json
import math
import sys

from hdrh.histogram import HdrHistogram
from hdrh.log import HistogramLogReader


def value_at(h, p):
    # As Java and hdrhistogram-swift: a whole rank is not rounded up by float error.
    rank = max(1, math.ceil(p * h.get_total_count() / 100.0 - 1e-9))
    seen = 0
    for item in h.get_recorded_iterator():
        seen += item.count_at_value_iterated_to
        if seen >= rank:
            return h.get_highest_equivalent_value(item.value_iterated_to)
    return h.get_max_value()


reader = HistogramLogReader(sys.argv[1], HdrHistogram(1, 100_000_000, 3))
total = None
intervals = []
while True:
    h = reader.get_next_interval_histogram()
    if h is None:
        break
    start = (h.get_start_time_stamp() / 1000.0) - reader.get_start_time_sec()
    length = (h.get_end_time_stamp() - h.get_start_time_stamp()) / 1000.0
    intervals.append({"start": round(start, 3), "length": round(length, 3), "count": h.get_total_count(),
                      "max": h.get_max_value() if h.get_total_count() else 0})
    if total is None:
        total = HdrHistogram(1, 100_000_000, 3)  # battle's layout
    total.add(h)
print(json.dumps({
    "intervals": intervals,
    "count": total.get_total_count() if total else 0,
    "percentiles": {str(p): value_at(total, p) for p in (50, 90, 99, 99.9, 100)} if total else {},
}))
