"""Receiving an enquiry: refuse abuse, store it once (and count it, anonymously, in the
tracker's figures: home.enquiry_counts), tell the family its reference, and queue the notice to
staff.

The enquiry is saved before the notice is queued, so a mail failure never loses one (it then
shows "staff not notified" in the admin); the notice goes through the mail queue
(home.mail_queue), so a slow or stalled mail server never delays the family's answer. The
form's one-time token (home.forms) makes a form sent twice one enquiry, confirmed twice with
the same reference. The budget of RATE_LIMIT an hour from one client address is taken and
counted in one transaction (home.limits), so concurrent submissions cannot exceed it.
"""

import logging
from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy

from . import enquiry_counts
from .forms import EnquiryForm
from .limits import Budget
from .models.enquiry import Enquiry
from .submissions import Receiver

logger = logging.getLogger(__name__)

MAX_REQUEST_BYTES = 20_000  # a full form with a 3,000-character message is well under this
RATE_LIMIT = 5  # enquiries from one client ...
RATE_WINDOW = timedelta(hours=1)  # ... in this time
REFERENCE_SALT = "home.enquiry-sent"
REFERENCE_SHOWN_FOR = timedelta(days=1)
TOO_LARGE = gettext_lazy(
    "Your enquiry is too long to send. Please shorten your question and try again."
)
TOO_MANY = gettext_lazy(
    "You have sent several enquiries in a short time, so we cannot take another just now. "
    "Please phone us, or try again in an hour."
)


def handle_enquiry(page, request):
    """The enquiry form page: show the form, or take a submission."""
    return RECEIVER.receive(page, request)


def enquiries_budget() -> Budget:
    return Budget("enquiries", RATE_LIMIT, RATE_WINDOW)


def _sent(page, enquiry: Enquiry):
    """To the confirmation, which shows the enquiry's reference."""
    proof = signing.TimestampSigner(salt=REFERENCE_SALT).sign(enquiry.reference)
    return redirect(_thank_you_url(page) + "?" + urlencode({"reference": proof}))


def show_thank_you(page, request):
    """The confirmation, with the enquiry's reference. Only the browser that sent it has the
    signed proof in its address; anyone else (or a day later) gets no confirmation."""
    if request.method != "GET":
        return redirect(page.url)
    try:
        reference = signing.TimestampSigner(salt=REFERENCE_SALT).unsign(
            request.GET.get("reference", ""), max_age=REFERENCE_SHOWN_FOR
        )
    except signing.BadSignature:  # none, forged, or expired
        reference = ""
    context = {
        **page.get_context(request),
        "reference": reference,
        "retention_days": settings.ENQUIRY_RETENTION_DAYS,
    }
    return TemplateResponse(request, "home/enquiry_thank_you.html", context)


def _thank_you_url(page) -> str:
    return page.url + page.reverse_subpage("thank_you")


def _render(page, request, form, refusal="", status=200):
    context = {
        **page.get_context(request),
        "form": form,
        "refusal": refusal,
        "privacy_notice": page.privacy_notice(),
    }
    return TemplateResponse(request, "home/enquiry_page.html", context, status=status)


def _notify_staff(page, enquiry: Enquiry) -> None:
    """Email staff that an enquiry arrived: a link to it, none of its personal details."""
    if not page.notification_email:
        return
    link = settings.WAGTAILADMIN_BASE_URL + reverse("home_enquiry:inspect", args=[enquiry.pk])
    try:
        send_mail(
            subject=f"New enquiry {enquiry.reference}: {enquiry.get_topic_display()}",
            message=f"A new enquiry has arrived. Read it in the admin:\n{link}\n",
            from_email=None,
            recipient_list=[page.notification_email],
        )
    except Exception:  # any mail failure: the enquiry is safe, staff see it unsent
        logger.exception("Could not email staff about enquiry %s", enquiry.pk)
        return
    Enquiry.objects.filter(pk=enquiry.pk).update(staff_notified=True)


RECEIVER = Receiver(
    form_class=EnquiryForm,
    model=Enquiry,
    budget=enquiries_budget,
    count=enquiry_counts.count,
    confirm=_sent,
    render=_render,
    notify_staff=_notify_staff,
    thank_you_url=_thank_you_url,
    too_large=TOO_LARGE,
    too_many=TOO_MANY,
    max_request_bytes=MAX_REQUEST_BYTES,
)
