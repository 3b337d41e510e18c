"""The public site's page types and the service's settings."""

from .content_version import ContentVersion
from .easy_read import EasyReadIndexPage, EasyReadPage
from .enquiries import EnquiryPage
from .enquiry import Enquiry
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
    "HomePage",
    "InformationPage",
    "NewsArticlePage",
    "NewsAttachment",
    "NewsIndexPage",
    "PolicyIndexPage",
    "QueuedPasswordReset",
    "PolicyPage",
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
