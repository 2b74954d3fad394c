from django.apps import AppConfig, apps
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projects")
    default_auto_field = "django.db.models.BigAutoField"

    def home_context(self, home, request):
        """The hero's figures, counted from the live projects: their short names and the districts they serve."""
        from .models import District, DistrictIndexPage, ProjectIndexPage, ProjectPage

        projects = ProjectPage.objects.descendant_of(home).live().public()
        programmes = list(projects.order_by("path").values_list("short_name", flat=True))
        served = District.objects.filter(projects__in=projects).distinct().count()
        indexes = {
            type(page): page
            for page in (
                ProjectIndexPage.objects.descendant_of(home).live().public().first(),
                DistrictIndexPage.objects.descendant_of(home).live().public().first(),
            )
            if page
        }
        return {
            "hero_programmes": programmes,
            "hero_districts": served,
            "projects_url": indexes[ProjectIndexPage].get_url(request) if ProjectIndexPage in indexes else "",
            "districts_url": indexes[DistrictIndexPage].get_url(request) if DistrictIndexPage in indexes else "",
        }

    def related_sections(self, page, request):
        """ "Projekte" on a topic page (projects tagged with it) and on a person page (their projects)."""
        from .models import ProjectIndexPage, ProjectPage

        TopicPage = apps.get_model("core", "TopicPage")
        PersonPage = apps.get_model("people", "PersonPage")
        if isinstance(page, TopicPage):
            projects = list(ProjectPage.objects.filter(topics=page).for_listing()[:12])
            index = ProjectIndexPage.objects.live().first() if projects else None
            return [
                {
                    "title": gettext("Projects"),
                    "items": projects,
                    "more_url": f"{index.url}?thema={page.slug}" if index else "",
                    "more_label": gettext("All projects on “%(topic)s”") % {"topic": page.title},
                }
            ]
        if isinstance(page, PersonPage):
            return [{"title": gettext("Projects"), "items": person_projects(page), "more_url": "", "more_label": ""}]
        return []


def person_projects(person):
    """The live projects a person works on, current roles first; each carries the role as `teaser_meta`."""
    from .models import ProjectMembership, ProjectPage

    memberships = (
        ProjectMembership.objects.filter(person=person, project__in=ProjectPage.objects.visible())
        .select_related("project__listing_image")
        .prefetch_related("project__listing_image__renditions")
        .defer("project__body")
    )
    current = sorted(
        memberships,
        key=lambda m: (not (m.is_current and m.project.status == "running"), not m.is_lead, m.project.title),
    )
    projects, seen = [], set()
    for membership in current:
        project = membership.project
        if project.pk in seen:
            continue
        seen.add(project.pk)
        parts = [project.short_name, membership.role_label, project.period]
        if not membership.is_current:
            parts.append(gettext("former member"))
        project.teaser_meta = " · ".join(str(part) for part in parts if part)
        projects.append(project)
    return projects
