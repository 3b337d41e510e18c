"""“How we are doing” pages become the tracker's own page type
(minimum_standards_pages.HowWeAreDoingPage), which any site that installs it can use. Each page keeps
its id, place, revisions and fields: its row moves to the tracker's table, and everything that
named its type (the page, its revisions and their content, log entries, the search index, the
reference index: every foreign key to a content type) names the new one."""

from django.db import migrations


def move_pages(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Old = apps.get_model("home", "HowWeAreDoingPage")
    New = apps.get_model("minimum_standards_pages", "HowWeAreDoingPage")
    old_type = ContentType.objects.filter(app_label="home", model="howwearedoingpage").first()
    if old_type is None:
        return  # a database with no such page ever made
    new_type, _ = ContentType.objects.get_or_create(
        app_label="minimum_standards_pages", model="howwearedoingpage"
    )
    for old in Old.objects.all():
        # Only the child table's row: the page itself (wagtailcore_page) stays where it is.
        New(
            page_ptr_id=old.page_ptr_id, introduction=old.introduction, framework_id=old.framework_id
        ).save_base(raw=True)
    Permission = apps.get_model("auth", "Permission")
    for model in apps.get_models():
        if model is Permission:
            continue  # the old type's own go with it; post_migrate makes the new type's
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is ContentType:
                found = model._base_manager.filter(**{field.name: old_type})
                found.update(**{field.name: new_type})
    Revision = apps.get_model("wagtailcore", "Revision")
    for revision in Revision.objects.filter(content_type=new_type):
        if revision.content.get("content_type") == old_type.pk:
            revision.content["content_type"] = new_type.pk
            revision.save(update_fields=["content"])
    ContentType.objects.filter(pk=old_type.pk).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0006_content_version"),
        ("minimum_standards_pages", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(move_pages, migrations.RunPython.noop),
        migrations.DeleteModel(name="HowWeAreDoingPage"),
    ]
