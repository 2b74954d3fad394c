from django.urls import path

from . import views

app_name = "newsletter"
urlpatterns = [
    path("anmelden/", views.subscribe, name="subscribe"),
    path("bestaetigen/<str:token>/", views.confirm, name="confirm"),
    path("abmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("einstellungen/<str:token>/", views.manage, name="manage"),
    path("einstellungen/<str:token>/daten.json", views.export, name="export"),
]
