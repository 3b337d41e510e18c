from .site_content import SiteContent


def site_content(request):
    """`site_content`: what every public page shows (home.site_content), fetched when read."""
    return {"site_content": SiteContent.for_request(request)}
