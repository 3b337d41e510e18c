"""The public site's page types and the service's settings."""

from .content_version import ContentVersion
from .easy_read import EasyReadIndexPage, EasyReadPage
from .enquiries import EnquiryPage
from .enquiry import Enquiry
from .events import EventIndexPage, EventPage
from .feedback import Feedback, FeedbackTheme
from .feedback_page import FeedbackPage
from .glossary import GlossaryPage, GlossaryTerm, GlossaryTermPage
from .home_page import HomePage
from .information import InformationPage, PolicyIndexPage, PolicyPage, TopicIndexPage, TopicPage
from .limits import UsageCount
from .news import NewsArticlePage, NewsAttachment, NewsIndexPage
from .password_resets import QueuedPasswordReset
from .service_settings import ServiceSettings, dialable
from .signposting import Signpost, SignpostingPage
from .you_said_we_did import YouSaidWeDidPage
from .young_people import YoungPeoplePage

__all__ = [
    "ContentVersion",
    "EasyReadIndexPage",
    "EasyReadPage",
    "Enquiry",
    "EnquiryPage",
    "EventIndexPage",
    "EventPage",
    "Feedback",
    "FeedbackPage",
    "FeedbackTheme",
    "GlossaryPage",
    "GlossaryTerm",
    "GlossaryTermPage",
    "HomePage",
    "InformationPage",
    "NewsArticlePage",
    "NewsAttachment",
    "NewsIndexPage",
    "PolicyIndexPage",
    "PolicyPage",
    "QueuedPasswordReset",
    "ServiceSettings",
    "Signpost",
    "SignpostingPage",
    "TopicIndexPage",
    "TopicPage",
    "UsageCount",
    "YouSaidWeDidPage",
    "YoungPeoplePage",
    "dialable",
]
