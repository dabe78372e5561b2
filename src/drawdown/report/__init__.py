"""Report: the brief, the HTML report and exports, written from stored evidence."""
