"""Extract: claims from report text. Pure stage code; the pipeline layer stores what it returns."""
