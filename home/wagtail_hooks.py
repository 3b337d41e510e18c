from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .admin_views import EnquiryViewSet, ReadOnlyPermissionPolicy
from .models import Enquiry

register_permission_policy(Enquiry, ReadOnlyPermissionPolicy(Enquiry), exact_class=True)


@hooks.register("register_admin_viewset")
def register_enquiry_viewset():
    return EnquiryViewSet("home_enquiry")
