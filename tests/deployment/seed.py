"""Run by tests/deployment/stack.py under the production settings, after `load_demo --force`.

Gives the demo users passwords (production's load_demo leaves them without), and adds what
the tests fetch: a confidential evidence document, a public leaflet, and an image with a
rendition. Prints what the tests need to know, as JSON.
"""

import io
import json

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402  (after setup)
from django.core.files.base import ContentFile  # noqa: E402
from PIL import Image as Picture  # noqa: E402
from wagtail.documents import get_document_model  # noqa: E402
from wagtail.images import get_image_model  # noqa: E402
from wagtail.models import Collection  # noqa: E402

from home.models import EnquiryPage  # noqa: E402
from home.roles import EVIDENCE, WEBSITE  # noqa: E402

PASSWORDS = {"manager": "deploy-manager-pass", "advisor": "deploy-advisor-pass"}
PASSWORDS["editor"] = "deploy-editor-pass"

for username, password in PASSWORDS.items():
    user = get_user_model().objects.get(username=username)
    user.set_password(password)
    user.save()

Document = get_document_model()
evidence = Document.objects.create(
    title="Safeguarding audit 2024",
    collection=Collection.objects.get(name=EVIDENCE),
    file=ContentFile(
        b"%PDF-1.4 confidential safeguarding audit", name="safeguarding-audit-2024.pdf"
    ),
)
leaflet = Document.objects.create(
    title="Our leaflet",
    collection=Collection.objects.get(name=WEBSITE),
    file=ContentFile(b"%PDF-1.4 public leaflet", name="leaflet.pdf"),
)
buffer = io.BytesIO()
Picture.new("RGB", (40, 30), (29, 112, 184)).save(buffer, "PNG")
image = get_image_model().objects.create(
    title="Logo",
    collection=Collection.objects.get(name=WEBSITE),
    file=ContentFile(buffer.getvalue(), name="logo.png"),
)
rendition = image.get_rendition("width-20")

print(
    json.dumps(
        {
            "passwords": PASSWORDS,
            "evidence": {"url": evidence.url, "file": evidence.file.name},
            "leaflet": {"url": leaflet.url, "file": leaflet.file.name},
            "image": {"rendition": rendition.url, "original": image.file.name},
            "enquiry_page": EnquiryPage.objects.live().first().get_url(),
        }
    )
)
