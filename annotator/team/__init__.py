"""Team work: hand out project files, merge them back, measure agreement, adjudicate a gold layer.

- `assign`: one project file per annotator with their share of the articles (`annotator assign`).
- `merge`: bring annotators' files into the team project, keeping who did what (`annotator merge`).
- `agreement`: Cohen's kappa, Krippendorff's alpha, span F1 over plain lists (pure Python).
- `measure`: the agreement report of a team project (`annotator agreement`); `chart` its PNG.
- `gold`: stance items across annotators; `adjudicate`: disagreements, agreed items to gold
  (`annotator adjudicate`); the gold layer's edits are `Project.set_gold` / `clear_gold`.
- `progress`: adjudication progress and throughput for `annotator stats`.

Nothing here imports Qt. Modules are imported on use (this package imports none of them), so the
storage layer and the exporter can use `gold` without loading the rest.
"""
