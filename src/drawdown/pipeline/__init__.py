"""The pipeline: the only code that reads and writes the store around the stages.

Each module reads what its stage needs from the store (`drawdown.store`), calls the pure stage (`ingest`,
`extract`, `flights`, `assess`) and writes the result in one transaction: ``ingest`` (files, URLs and origins),
``extract`` (claims and mentions), ``flights`` (sorties), ``assess`` (evidence and snapshots) and ``watch`` (feeds
polled on a schedule, new reports sent downstream). The CLI and `drawdown.api` call these functions.
"""
