"""The Ukrainian detectors: the features of `en/`, with the same names and values, read from
Ukrainian wording. Each subclasses its English family and replaces what reads words (`scan`,
its keywords); how signals become features (`combine`) is the family's, in one place."""
