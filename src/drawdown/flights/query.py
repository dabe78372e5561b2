"""The relational stage, written once as Ibis expressions: cleaning, segmentation and takeoff/landing events.

The same expression compiles to DuckDB SQL (the default) and to Spark SQL (``--engine spark``); only portable
operations are used (window lag/lead/cumsum, group-by with argmin/argmax, an inequality join against a small
table of airfields), and times are float epoch seconds so no engine's timestamp semantics leak into the answer.

Inputs:
  points  time-ordered or not: t, icao24, callsign, lat, lon, alt_m, gs_ms, vrate_ms, onground, seq
  fields  field, flat, flon, elev_m, coslat, lat_lo, lat_hi, lon_lo, lon_hi (the zone around each field)
Output, one row per event: icao24, callsign, field, event, t, confidence, inferred, and the first and last
point (t, lat, lon, altitude above the field) of the airborne part of the track next to the event.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import ibis
import ibis.expr.types as ir

# Metres per degree of latitude; longitude degrees are scaled by cos(latitude). An equirectangular distance is
# within 0.1 % of the great circle over the 60 km zones used here, and it is cheap on every engine.
M_PER_DEG: Final = 111_195.0


@dataclass(frozen=True)
class Params:
    """Detection thresholds. How each was chosen is noted beside it; the simulator's ground truth and the
    traffic quickstart check (docs/sorties.md) are the measurements that kept them."""

    # Points further than this from every field are dropped before anything else: a departure has climbed
    # through 3,000 m well inside 40 km, and the cut keeps 5 M-row files at a few % of their rows.
    zone_km: float = 40.0
    # "At the field": within the runway and its ends (the longest runways are 4-5 km) ...
    field_km: float = 5.0
    # ... and on the ground or below 300 m above it (a 3-degree approach is at 260 m 5 km out).
    low_agl_m: float = 300.0
    # An airborne stretch counts as a real flight only if it rises this far above the field (rules out
    # taxiing with a noisy altitude and touch-and-go flicker at the runway edge).
    climb_agl_m: float = 900.0
    # A silence longer than this ends a flight segment (OpenSky samples every 10 s; ground coverage gaps of a
    # few minutes are common; an airliner turnaround is 25 minutes or more).
    gap_s: float = 900.0
    # Coverage that starts or ends in the air within this distance and below this height is read as an
    # inferred departure or arrival.
    infer_km: float = 30.0
    infer_agl_m: float = 3000.0
    # Mean climb and descent rates used to date an inferred event (jet transports: 1,500 and 800 ft/min).
    climb_ms: float = 7.5
    descent_ms: float = 4.0
    # Cleaning: an implied speed above 1,200 km/h between consecutive points is a teleport.
    teleport_ms: float = 1200 / 3.6
    # An altitude that jumps this far from both neighbours (which agree) within a minute is a spike.
    spike_m: float = 300.0
    # A taxiing aircraft (on ground, or under 40 m/s within the field) reporting more than this above the
    # field has a bad altitude; it is pinned to the field.
    taxi_agl_m: float = 150.0
    taxi_ms: float = 40.0


DEFAULT_PARAMS: Final = Params()
CLEANING_COUNTS: Final = (
    "nan_positions", "duplicates", "out_of_order", "teleports", "altitude_spikes", "taxi_altitudes", "frozen_tails",
)  # fmt: skip


def _zone(points: ir.Table, fields: ir.Table) -> ir.Table:
    """Points inside some field's zone, one row per (point, field), with distance and height above the field."""
    joined = points.join(
        fields,
        [
            points.lat >= fields.lat_lo,
            points.lat <= fields.lat_hi,
            points.lon >= fields.lon_lo,
            points.lon <= fields.lon_hi,
        ],
    )
    dy = (joined.lat - joined.flat) * M_PER_DEG
    dx = (joined.lon - joined.flon) * M_PER_DEG * joined.coslat
    return joined.mutate(dist_m=(dx * dx + dy * dy).sqrt(), agl=joined.alt_m - joined.elev_m)


def clean(points: ir.Table, fields: ir.Table, p: Params = DEFAULT_PARAMS) -> tuple[ir.Table, ir.Table]:
    """(clean points in the fields' zones, one-row table of counts per cleaning rule)."""
    valid = points.lat.notnull() & points.lon.notnull() & ~points.lat.isnan() & ~points.lon.isnan()
    nan_count = points.filter(~valid).count()
    zoned = _zone(points.filter(valid), fields)

    # Duplicates: the same aircraft at the same time more than once (feeds merged twice, re-sent rows).
    key = ibis.window(group_by=["icao24", "field", "t"], order_by="seq")
    ranked = zoned.mutate(rank=ibis.row_number().over(key))
    deduped = ranked.filter(ranked["rank"] == 0).drop("rank")

    w = ibis.window(group_by=["icao24", "field"], order_by=["t", "seq"])
    d = deduped.mutate(
        p_t=deduped.t.lag().over(w),
        p_lat=deduped.lat.lag().over(w),
        p_lon=deduped.lon.lag().over(w),
        p_alt=deduped.alt_m.lag().over(w),
        p_seq=deduped.seq.lag().over(w),
        n_t=deduped.t.lead().over(w),
        n_lat=deduped.lat.lead().over(w),
        n_lon=deduped.lon.lead().over(w),
        n_alt=deduped.alt_m.lead().over(w),
    )

    def speed(t0: ir.FloatingValue, lat0: ir.FloatingValue, lon0: ir.FloatingValue) -> ir.FloatingValue:
        dy = (d.lat - lat0) * M_PER_DEG
        dx = (d.lon - lon0) * M_PER_DEG * d.coslat
        return (dx * dx + dy * dy).sqrt() / ibis.greatest((d.t - t0).abs(), 1.0)

    fast_in = speed(d.p_t, d.p_lat, d.p_lon) > p.teleport_ms
    fast_out = speed(d.n_t, d.n_lat, d.n_lon) > p.teleport_ms
    # A bad point is fast on both sides; at a track end one side is enough.
    teleport = (fast_in.fill_null(False) & fast_out.fill_null(True)) | (d.p_t.isnull() & fast_out.fill_null(False))
    spike = (
        ((d.alt_m - d.p_alt).abs() > p.spike_m)
        & ((d.alt_m - d.n_alt).abs() > p.spike_m)
        & ((d.p_alt - d.n_alt).abs() < p.spike_m)
        & ((d.n_t - d.p_t) < 120)
    ).fill_null(False)
    taxi = ((d.onground | ((d.dist_m < p.field_km * 1000) & (d.gs_ms < p.taxi_ms))) & (d.agl > p.taxi_agl_m)).fill_null(
        False
    )
    # A frozen tail repeats the last position while airborne: real aircraft move between reports.
    frozen = ((d.lat == d.p_lat) & (d.lon == d.p_lon) & (d.alt_m == d.p_alt) & ~d.onground).fill_null(False)
    out_of_order = (d.seq < d.p_seq).fill_null(False)
    flagged = d.mutate(teleport=teleport, spike=spike, taxi=taxi, frozen=frozen, ooo=out_of_order)

    counts = flagged.aggregate(
        duplicates=flagged.count(),
        out_of_order=flagged.ooo.cast("int64").sum(),
        teleports=flagged.teleport.cast("int64").sum(),
        altitude_spikes=flagged.spike.cast("int64").sum(),
        taxi_altitudes=flagged.taxi.cast("int64").sum(),
        frozen_tails=flagged.frozen.cast("int64").sum(),
    )
    counts = counts.mutate(duplicates=zoned.count() - counts.duplicates, nan_positions=nan_count)

    kept = flagged.filter(~flagged.teleport & ~flagged.frozen)
    fixed_alt = ibis.cases((kept.taxi, kept.elev_m), (kept.spike, kept.p_alt), else_=kept.alt_m)
    kept = kept.mutate(alt_m=fixed_alt, agl=fixed_alt - kept.elev_m)
    cols = ["icao24", "callsign", "field", "t", "seq", "lat", "lon", "alt_m", "agl", "dist_m", "onground", "elev_m"]
    return kept.select(cols), counts.select(list(CLEANING_COUNTS))


def islands(points: ir.Table, p: Params = DEFAULT_PARAMS) -> ir.Table:
    """Split each aircraft's points near each field into segments (time gaps) and islands (runs of the same
    state: low at the field, or away from it), one row per island."""
    w = ibis.window(group_by=["icao24", "field"], order_by=["t", "seq"])
    low = (points.dist_m < p.field_km * 1000) & (points.onground | (points.agl < p.low_agl_m)).fill_null(False)
    s = points.mutate(low=low, p_t=points.t.lag().over(w))
    s = s.mutate(p_low=s.low.lag().over(w), new_seg=((s.t - s.p_t) > p.gap_s).fill_null(True))
    s = s.mutate(change=(s.new_seg | (s.low != s.p_low).fill_null(True)).cast("int64"))
    s = s.mutate(
        seg=s.new_seg.cast("int64").cumsum(group_by=["icao24", "field"], order_by=["t", "seq"]),
        island=s.change.cumsum(group_by=["icao24", "field"], order_by=["t", "seq"]),
    )
    return s.group_by(["icao24", "field", "seg", "island"]).aggregate(
        low=s.low.max(),
        callsign=s.callsign.max(),
        t0=s.t.min(),
        t1=s.t.max(),
        lat0=s.lat.argmin(s.t),
        lon0=s.lon.argmin(s.t),
        agl0=s.agl.argmin(s.t),
        lat1=s.lat.argmax(s.t),
        lon1=s.lon.argmax(s.t),
        agl1=s.agl.argmax(s.t),
        d0=s.dist_m.argmin(s.t),
        d1=s.dist_m.argmax(s.t),
        top=s.agl.max(),
    )


def events(isl: ir.Table, p: Params = DEFAULT_PARAMS) -> ir.Table:
    """Takeoffs and landings from the islands: low -> climbing flight, flight -> low, and inferred ones where
    coverage starts climbing or ends descending close to the field."""
    w = ibis.window(group_by=["icao24", "field", "seg"], order_by="island")
    x = isl.mutate(
        p_low=isl.low.lag().over(w),
        p_t1=isl.t1.lag().over(w),
        p_cs=isl.callsign.lag().over(w),
        n_low=isl.low.lead().over(w),
        n_t0=isl.t0.lead().over(w),
        n_cs=isl.callsign.lead().over(w),
    )
    flight = ~x.low & (x.top > p.climb_agl_m).fill_null(False)

    def confidence(gap: ir.FloatingValue) -> ir.FloatingValue:
        # A coverage hole between the field and the flight makes the exact moment, and the field, less sure.
        return ibis.cases((gap <= 60, 0.95), (gap <= 300, 0.85), else_=0.7)

    near_start = (x.d0 < p.infer_km * 1000) & (x.agl0 < p.infer_agl_m) & (x.agl1 > x.agl0 + 300)
    near_end = (x.d1 < p.infer_km * 1000) & (x.agl1 < p.infer_agl_m) & (x.agl0 > x.agl1 + 300)
    base = ["icao24", "field", "t0", "t1", "lat0", "lon0", "agl0", "lat1", "lon1", "agl1"]

    takeoff = x.filter(flight & x.p_low.fill_null(False)).select(
        *base, callsign=ibis.coalesce(x.callsign, x.p_cs), event=ibis.literal("takeoff"), t=x.p_t1,
        confidence=confidence(x.t0 - x.p_t1), inferred=ibis.literal(False),
    )  # fmt: skip
    landing = x.filter(flight & x.n_low.fill_null(False)).select(
        *base, callsign=ibis.coalesce(x.callsign, x.n_cs), event=ibis.literal("landing"), t=x.n_t0,
        confidence=confidence(x.n_t0 - x.t1), inferred=ibis.literal(False),
    )  # fmt: skip
    inferred_takeoff = x.filter(flight & x.p_low.isnull() & near_start.fill_null(False)).select(
        *base, callsign=x.callsign, event=ibis.literal("takeoff"), t=(x.t0 - x.agl0.clip(lower=0) / p.climb_ms),
        confidence=ibis.literal(0.5), inferred=ibis.literal(True),
    )  # fmt: skip
    inferred_landing = x.filter(flight & x.n_low.isnull() & near_end.fill_null(False)).select(
        *base, callsign=x.callsign, event=ibis.literal("landing"), t=(x.t1 + x.agl1.clip(lower=0) / p.descent_ms),
        confidence=ibis.literal(0.5), inferred=ibis.literal(True),
    )  # fmt: skip
    return takeoff.union(landing).union(inferred_takeoff).union(inferred_landing)


def sortie_events(points: ir.Table, fields: ir.Table, p: Params = DEFAULT_PARAMS) -> tuple[ir.Table, ir.Table]:
    """(events, cleaning counts): the whole stage as two lazy expressions."""
    kept, counts = clean(points, fields, p)
    return events(islands(kept, p), p), counts
