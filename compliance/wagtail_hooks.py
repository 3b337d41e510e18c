from wagtail_modeladmin.options import modeladmin_register

from .admin_views.modeladmins import ComplianceGroup

modeladmin_register(ComplianceGroup)
