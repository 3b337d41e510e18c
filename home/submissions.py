"""Taking a public form's submission, the one way the enquiry and feedback forms share.

Refuse an oversized request (413) and a robot (sent to the thank-you, stored nowhere); confirm
a form sent twice once, by its one-time token (home.forms); keep every answer of a refused form
(400); spend the sender's budget (home.limits: 429 when spent); then store it with its
anonymous counts in one transaction, queue the notice to staff (a mail failure never loses it)
and confirm after a redirect (POST/redirect/GET).
"""

from collections.abc import Callable
from dataclasses import dataclass

from axes.helpers import get_client_ip_address as client_address
from django.db import IntegrityError, transaction
from django.shortcuts import redirect

from .limits import Budget, client_key


@dataclass(frozen=True)
class Receiver:
    form_class: type
    model: type
    budget: Callable[[], Budget]
    count: Callable  # the stored submission's anonymous counts, in its transaction
    confirm: Callable  # (page, stored) -> the redirect to the confirmation
    render: Callable  # (page, request, form, refusal="", status=200) -> the form page
    notify_staff: Callable  # (page, stored)
    thank_you_url: Callable  # (page) -> str
    too_large: str
    too_many: str
    max_request_bytes: int

    def receive(self, page, request):
        if request.method != "POST":
            return self.render(page, request, self.form_class())
        if int(request.META.get("CONTENT_LENGTH") or 0) > self.max_request_bytes:
            return self.render(page, request, self.form_class(), refusal=self.too_large, status=413)

        form = self.form_class(request.POST)
        if form.is_robot:
            return redirect(self.thank_you_url(page))
        already = self.already_stored(form)
        if already:
            return self.confirm(page, already)
        if not form.is_valid():
            return self.render(page, request, form, status=400)
        if not self.budget().spend(client_address(request)):
            return self.render(page, request, form, refusal=self.too_many, status=429)

        stored = form.save(commit=False)
        stored.client_key = client_key(request)
        stored.submission = form.submission
        try:
            with transaction.atomic():
                stored.save()
                self.count(stored)  # the anonymous counts, stored with it or not at all
        except IntegrityError:  # the same form, sent again at the same moment, was stored first
            return self.confirm(page, self.already_stored(form))
        self.notify_staff(page, stored)
        return self.confirm(page, stored)

    def already_stored(self, form):
        if form.submission is None:
            return None
        return self.model.objects.filter(submission=form.submission).first()
