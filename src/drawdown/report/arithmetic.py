"""The arithmetic behind the force estimate and each claim check, written out from the assessment's facts."""

from __future__ import annotations

from drawdown.assess import Assessment
from drawdown.assess.consistency import Check, DeadlineFacts, PercentFacts, RateFacts
from drawdown.assess.force import ForceEstimate
from drawdown.report.numbers import interval, span


def force_lines(result: Assessment) -> list[str]:
    """How the tonnage removed, the pace and the share removed were reached."""
    force, case = result.force, result.evidence.case
    removed, window = force.lift, case.assessment.pace_window_days
    sealift = (
        f", including {len(removed.sealift_claims)} reported sealift departure(s)" if removed.sealift_claims else ""
    )
    lines = [
        f"{len(removed.sorties)} outbound takeoff(s) of known payload × payload (type table) × load factor "
        f"{span(case.assessment.load_factor)} (× detection confidence) = "
        f"{interval(force.removed_tonnes, unit=' t', exact='nothing counted' if not removed.sorties else '')} "
        f"removed{sealift}",
        pace_line(force, window),
    ]
    baseline = case.actor.equipment_tonnes
    if removed.completions:
        lines.append(
            f"{len(removed.completions)} site(s) emptied by a credible completion count with their share of the "
            "baseline personnel, each in the share of draws its credibility gives; the larger measure is kept"
        )
    if force.removed_percent is not None and baseline is not None:
        lines.append(
            f"against a baseline of {span(baseline, ' t')} of equipment "
            f"→ {interval(force.removed_percent, 1, '%')} of the force removed"
        )
    if removed.fleet_mix:
        lines.append(f"{len(removed.fleet_mix)} takeoffs of unknown type counted with the case's fleet mix (any of "
                     f"{len(case.aircraft)} types, equally likely)")  # fmt: skip
    if removed.unknown_type:
        lines.append(f"{len(removed.unknown_type)} takeoffs of unknown type are not counted: payload unknown (the case "
                     "has no aircraft types); the share removed is a lower bound")  # fmt: skip
    return lines


def watched_days(force: ForceEstimate) -> str:
    """The days of the pace window ADS-B watched, per airfield: "days watched by ADS-B: hmeimim 1.9, palmyra 0.042"."""
    watched = force.pace_window.watched.items()
    return "days watched by ADS-B: " + ", ".join(f"{airfield} {days:.2g}" for airfield, days in watched)


def pace_line(force: ForceEstimate, window: int) -> str:
    """The pace's arithmetic: what was counted over the watched days, or why there is no pace."""
    if force.pace_tonnes_per_day is None:
        return f"pace over the last {window} days: untestable: {force.pace_window.note}"
    tonnes = interval(force.pace_tonnes_per_day, 1, " t/day", exact="" if force.recent_sorties else "no takeoff")
    return (
        f"pace over the last {window} days: {len(force.recent_sorties)} takeoff(s), each airfield's tonnes ÷ its "
        f"{watched_days(force)} = {tonnes}"
    )


def claimed(check: Check) -> str:
    """What the checked claim says, in a few words."""
    if check.kind == "deadline":
        return f"complete by {check.due}: {check.label}"
    if check.kind == "rate":
        return f"{check.quantity:g} flights a day"
    return f"{check.quantity:g}% reduction"


def check_lines(check: Check) -> list[str]:
    """Why the check reached its verdict."""
    facts = check.facts
    if isinstance(facts, RateFacts):
        how = "days with a detected sortie" if facts.inferred else "ADS-B coverage"
        return [
            f"window {facts.start} – {facts.end} ({facts.days} days), of which {facts.covered:.1f} watched ({how}); "
            f"{facts.takeoffs} outbound takeoffs from {facts.where} on the watched days",
            f"observed rate {facts.takeoffs / facts.covered:.2f}/watched day, 80% interval {facts.interval.low:.2f}–"
            f"{facts.interval.high:.2f}/day (Poisson); claimed {facts.claimed:g}/day",
        ]
    if isinstance(facts, PercentFacts):
        air = interval(facts.air, unit=" t", exact="no outbound takeoff of known payload" if not facts.takeoffs else "")
        sea = interval(facts.sea, unit=" t", exact="no sealift reported" if not facts.sealift else "")
        where = "from the site" if facts.site else ""
        lines = [f"up to {facts.day}: {facts.takeoffs} outbound takeoffs {where}= {air} by air; "
                 f"{facts.sealift} reported sealift departure(s) = {sea} by sea".replace("  ", " ")]  # fmt: skip
        if facts.site is not None and facts.site_share is not None:
            lines.append(
                f"a share of {facts.site}, not of the whole force: the site holds about {100 * facts.site_share:.0f}% "
                f"of the baseline personnel, so {facts.claimed:g}% of it would be "
                f"{facts.claimed * facts.site_share:.1f}% of the force"
            )
            lines.append(f"removed from the site {interval(facts.removed, 1, '%')}; claimed {facts.claimed:g}%")
        else:
            lines.append(
                f"baseline {span(facts.baseline, ' t')} → removed {interval(facts.removed, 1, '%')}; "
                f"claimed {facts.claimed:g}%"
            )
        return lines
    if isinstance(facts, DeadlineFacts):
        return [f"P(complete by {facts.due}) = {facts.probability:.2f} ({facts.how})"]
    return [check.reason] if check.reason else []
