"""wagtail-minimum-standards: a Wagtail plugin to rate a service against a framework of
standards, keep its evidence and history, run its delivery plan and prepare its Advisory
Group's review. Its two apps:

- ``wagtail_minimum_standards.compliance`` (label ``minimum_standards``): frameworks,
  self-assessments, ratings, evidence, Advisory Group meetings and questions;
- ``wagtail_minimum_standards.plans`` (label ``minimum_standards_plans``): delivery plans,
  their review and the meetings' records.
"""

__version__ = "0.2.0"
