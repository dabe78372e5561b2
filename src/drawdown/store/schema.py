"""Versioned schema; every timestamp is UTC, stored naive.

Each migration is applied once, in order, inside one transaction with its version bump.

Never edit a migration that has shipped: add a new one. ``schema_migrations`` records what a store has.
"""

from __future__ import annotations

from typing import Final

MIGRATIONS: Final[tuple[tuple[int, str, str], ...]] = (
    (
        1,
        "reports, origins and ingest runs",
        """
        CREATE TABLE meta (
            key   VARCHAR PRIMARY KEY,
            value VARCHAR NOT NULL
        );
        CREATE TABLE ingest_runs (
            id          VARCHAR PRIMARY KEY,
            started_at  TIMESTAMP   NOT NULL,
            finished_at TIMESTAMP  ,
            command     VARCHAR NOT NULL,
            inputs      VARCHAR NOT NULL,
            status      VARCHAR NOT NULL,   -- running | ok | partial | failed
            added       INTEGER NOT NULL DEFAULT 0,
            skipped     INTEGER NOT NULL DEFAULT 0,
            failed      INTEGER NOT NULL DEFAULT 0
        );
        CREATE TABLE origins (
            id                VARCHAR PRIMARY KEY,
            representative_id VARCHAR NOT NULL,  -- the earliest-published member
            method            VARCHAR NOT NULL,  -- how members were matched: exact | near | rewrite
            created_at        TIMESTAMP   NOT NULL
        );
        CREATE TABLE reports (
            id           VARCHAR PRIMARY KEY,
            dedup_key    VARCHAR NOT NULL UNIQUE,  -- content hash + URL: the same text at the same place
            content_hash VARCHAR NOT NULL,
            origin_id    VARCHAR NOT NULL,
            url          VARCHAR,
            outlet       VARCHAR,
            published    TIMESTAMP  ,
            title        VARCHAR,
            text         VARCHAR NOT NULL,
            format       VARCHAR NOT NULL,
            locator      VARCHAR NOT NULL,         -- the path or URL it was read from
            external_id  VARCHAR,
            run_id       VARCHAR NOT NULL,
            ingested_at  TIMESTAMP   NOT NULL
        );
        CREATE INDEX reports_content_hash ON reports (content_hash);
        CREATE INDEX reports_origin ON reports (origin_id);
        """,
    ),
    (
        2,
        "claims, sorties and assessments",
        """
        CREATE TABLE claims (
            id             VARCHAR PRIMARY KEY,
            report_id      VARCHAR NOT NULL,
            site           VARCHAR,          -- case site id, or the actor for claims about another actor
            action         VARCHAR NOT NULL,
            quantity       DOUBLE,
            unit           VARCHAR,
            event_date     DATE,
            time_precision VARCHAR,
            source_type    VARCHAR,
            confirmation   VARCHAR NOT NULL,
            modality       VARCHAR NOT NULL,
            attribution    VARCHAR,
            hedges         VARCHAR,
            span_start     INTEGER NOT NULL,
            span_end       INTEGER NOT NULL,
            sentence       VARCHAR,
            extractor      VARCHAR NOT NULL,
            created_at     TIMESTAMP   NOT NULL
        );
        CREATE INDEX claims_report ON claims (report_id);
        CREATE TABLE sorties (
            id             VARCHAR PRIMARY KEY,
            icao24         VARCHAR NOT NULL,
            callsign       VARCHAR,
            aircraft_type  VARCHAR,
            event          VARCHAR NOT NULL,  -- takeoff | landing
            time           TIMESTAMP   NOT NULL,
            airfield       VARCHAR NOT NULL,
            destination    VARCHAR,
            confidence     DOUBLE NOT NULL,
            payload_tonnes DOUBLE,
            first_lat DOUBLE, first_lon DOUBLE, last_lat DOUBLE, last_lon DOUBLE,
            wave           INTEGER,
            run_id         VARCHAR,
            created_at     TIMESTAMP   NOT NULL
        );
        CREATE TABLE assessments (
            id         VARCHAR PRIMARY KEY,
            case_id    VARCHAR NOT NULL,
            as_of      DATE NOT NULL,
            seed       BIGINT NOT NULL,
            created_at TIMESTAMP   NOT NULL,
            body       JSON NOT NULL
        );
        """,
    ),
    (
        3,
        "copy signatures, origin links, feed state",
        """
        -- Structured fields a format carries beside the text (ACLED location and coordinates, GDELT codes), JSON.
        ALTER TABLE reports ADD COLUMN meta VARCHAR;
        -- MinHash signatures of stored reports (ingest/dedup.py): level 'shingles' (5-word shingles, copies) and
        -- 'terms' (content stems, rewrite candidates); 128 little-endian uint32 values from rensa's RMinHash.
        CREATE TABLE report_signatures (
            report_id VARCHAR NOT NULL,
            level     VARCHAR NOT NULL,
            sig       BLOB NOT NULL,
            PRIMARY KEY (report_id, level)
        );
        -- How each report joined its origin: founder | exact | near | rewrite, the member it matched and the score.
        CREATE TABLE origin_links (
            report_id  VARCHAR PRIMARY KEY,
            origin_id  VARCHAR NOT NULL,
            method     VARCHAR NOT NULL,
            matched_id VARCHAR,
            score      DOUBLE,
            created_at TIMESTAMP NOT NULL
        );
        -- Sections of one report that repeat an earlier section of it (near: shared paragraphs; rewrite).
        CREATE TABLE section_matches (
            report_id    VARCHAR NOT NULL,
            first_start  INTEGER NOT NULL,
            first_end    INTEGER NOT NULL,
            second_start INTEGER NOT NULL,
            second_end   INTEGER NOT NULL,
            method       VARCHAR NOT NULL,
            score        DOUBLE NOT NULL,
            paragraphs   INTEGER NOT NULL
        );
        -- Feeds polled by `drawdown watch`: validators for conditional GET and the back-off state.
        CREATE TABLE feeds (
            url           VARCHAR PRIMARY KEY,
            etag          VARCHAR,
            last_modified VARCHAR,
            status        VARCHAR NOT NULL DEFAULT 'new',  -- new | ok | failing
            failures      INTEGER NOT NULL DEFAULT 0,
            last_polled   TIMESTAMP,
            next_poll     TIMESTAMP,
            last_error    VARCHAR
        );
        -- Every feed entry seen, so a restarted watch processes nothing twice.
        CREATE TABLE feed_entries (
            feed_url  VARCHAR NOT NULL,
            entry_key VARCHAR NOT NULL,
            link      VARCHAR,
            status    VARCHAR NOT NULL,  -- ingested | failed (retried until attempts reaches 3)
            report_id VARCHAR,
            message   VARCHAR,
            attempts  INTEGER NOT NULL DEFAULT 1,
            seen_at   TIMESTAMP NOT NULL,
            PRIMARY KEY (feed_url, entry_key)
        );
        """,
    ),
    (
        4,
        "claims keep site name, actor and due date; extraction outcome per report",
        """
        -- DuckDB refuses ALTER TABLE on a table with an index, so the index is dropped and rebuilt around it.
        DROP INDEX claims_report;
        ALTER TABLE claims ADD COLUMN site_name VARCHAR;
        ALTER TABLE claims ADD COLUMN actor VARCHAR;
        ALTER TABLE claims ADD COLUMN due_date DATE;
        CREATE INDEX claims_report ON claims (report_id);
        CREATE TABLE extractions (
            report_id    VARCHAR PRIMARY KEY,
            language     VARCHAR NOT NULL,   -- ISO 639-1 code, or und
            skipped      VARCHAR,            -- why nothing was extracted (empty, too long, language), else NULL
            claims       INTEGER NOT NULL,
            extractor    VARCHAR NOT NULL,
            extracted_at TIMESTAMP NOT NULL
        );
        """,
    ),
    (
        5,
        "sorties: payload interval, inferred flag, registration, run counts",
        """
        ALTER TABLE sorties ADD COLUMN payload_low DOUBLE;
        ALTER TABLE sorties ADD COLUMN payload_high DOUBLE;
        ALTER TABLE sorties ADD COLUMN inferred BOOLEAN DEFAULT false;
        ALTER TABLE sorties ADD COLUMN registration VARCHAR;
        """,
    ),
    (
        6,
        "site mentions found at extract time",
        """
        -- The case sites each report names (title or text), written with its claims, so the brief reads stored
        -- facts rather than searching the texts again.
        CREATE TABLE mentions (
            report_id VARCHAR NOT NULL,
            site      VARCHAR NOT NULL,
            PRIMARY KEY (report_id, site)
        );
        """,
    ),
    (
        7,
        "ADS-B coverage per airfield and day; what each sortie rests on",
        """
        -- onground | altitude | inferred (model.EVIDENCE_KINDS); NULL for sorties stored before it was recorded.
        ALTER TABLE sorties ADD COLUMN evidence VARCHAR;
        -- The hours of one UTC day (0-23) in which any state vector was seen within 50 km of the airfield and
        -- below 10,000 ft (model.Coverage): what tells "no flights" from "no data". Re-ingesting a file, or
        -- another file of the same day, adds hours and never removes them.
        CREATE TABLE coverage (
            airfield   VARCHAR NOT NULL,
            day        DATE NOT NULL,
            hours      INTEGER[] NOT NULL,
            updated_at TIMESTAMP NOT NULL,
            PRIMARY KEY (airfield, day)
        );
        """,
    ),
    (
        8,
        "analyst reviews of claims",
        """
        -- Keyed by where the claim was read (report, span) and the action read there, not by claim id, so that a
        -- review survives re-extraction. verdict: correct | wrong | edited; edited_* replace the claim's fields.
        CREATE TABLE reviews (
            report_id    VARCHAR NOT NULL,
            span_start   INTEGER NOT NULL,
            span_end     INTEGER NOT NULL,
            action       VARCHAR NOT NULL,
            verdict      VARCHAR NOT NULL,
            site         VARCHAR,
            new_action   VARCHAR,
            quantity     DOUBLE,
            confirmation VARCHAR,
            note         VARCHAR,
            reviewed_at  TIMESTAMP NOT NULL,
            PRIMARY KEY (report_id, span_start, span_end, action)
        );
        """,
    ),
)

LATEST: Final = max(version for version, _, _ in MIGRATIONS)
