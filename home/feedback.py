"""Receiving feedback: refuse abuse, store it once (and count its rating, anonymously, in the
tracker's figures: home.feedback_counts), thank the person, and queue the notice to staff.

It goes the enquiry's way (home.enquiries), with the same parts: the same limits
(home.limits, a budget of its own), the same one-time token and robot trap (home.forms), the
notice to staff through the mail queue after the feedback is stored (a mail failure never
loses it), and a confirmation after a redirect (POST/redirect/GET).
"""

import logging

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy

from . import feedback_counts
from .enquiries import MAX_REQUEST_BYTES, RATE_LIMIT, RATE_WINDOW
from .feedback_form import FeedbackForm
from .limits import Budget
from .models.feedback import Feedback
from .submissions import Receiver

logger = logging.getLogger(__name__)

RECEIVED_SALT = "home.feedback-sent"
RECEIVED_SHOWN_FOR = 60 * 60 * 24  # a day, in seconds
TOO_LARGE = gettext_lazy(
    "Your feedback is too long to send. Please shorten it and try again, or phone us."
)
TOO_MANY = gettext_lazy(
    "You have sent feedback several times in a short time, so we cannot take more just now. "
    "Please phone us, or try again in an hour."
)


def feedback_budget() -> Budget:
    """As many as the enquiry form allows, counted apart from the enquiries."""
    return Budget("feedback", RATE_LIMIT, RATE_WINDOW)


def handle_feedback(page, request):
    """The feedback page: show the form, or take a submission."""
    return RECEIVER.receive(page, request)


def _received(page, feedback: Feedback):
    proof = signing.TimestampSigner(salt=RECEIVED_SALT).sign(str(feedback.submission or ""))
    return redirect(_thank_you_url(page) + "?received=" + proof)


def show_thank_you(page, request):
    """The thank-you. Only the browser that sent the feedback has the signed proof in its
    address; anyone else (or a day later) is told nothing was sent from here."""
    if request.method != "GET":
        return redirect(page.url)
    try:
        signing.TimestampSigner(salt=RECEIVED_SALT).unsign(
            request.GET.get("received", ""), max_age=RECEIVED_SHOWN_FOR
        )
        received = True
    except signing.BadSignature:  # none, forged, or expired
        received = False
    context = {
        **page.get_context(request),
        "received": received,
        "retention_days": settings.ENQUIRY_RETENTION_DAYS,
    }
    return TemplateResponse(request, "home/feedback_thank_you.html", context)


def _thank_you_url(page) -> str:
    return page.url + page.reverse_subpage("thank_you")


def _render(page, request, form, refusal="", status=200):
    context = {**page.get_context(request), "form": form, "refusal": refusal}
    return TemplateResponse(request, "home/feedback_page.html", context, status=status)


def _notify_staff(page, feedback: Feedback) -> None:
    """Email staff that feedback arrived (queued: home.mail_queue): a link, none of its words."""
    if not page.notification_email:
        return
    link = settings.WAGTAILADMIN_BASE_URL + reverse("home_feedback:inspect", args=[feedback.pk])
    try:
        send_mail(
            subject=gettext("New feedback: %(rating)s") % {"rating": feedback.get_rating_display()},
            message=gettext("New feedback has arrived. Read it in the admin:\n%(link)s\n")
            % {"link": link},
            from_email=None,
            recipient_list=[page.notification_email],
        )
    except Exception:  # any mail failure: the feedback is safe, staff see it unsent
        logger.exception("Could not email staff about feedback %s", feedback.pk)
        return
    Feedback.objects.filter(pk=feedback.pk).update(staff_notified=True)


RECEIVER = Receiver(
    form_class=FeedbackForm,
    model=Feedback,
    budget=feedback_budget,
    count=feedback_counts.count,
    confirm=_received,
    render=_render,
    notify_staff=_notify_staff,
    thank_you_url=_thank_you_url,
    too_large=TOO_LARGE,
    too_many=TOO_MANY,
    max_request_bytes=MAX_REQUEST_BYTES,
)
