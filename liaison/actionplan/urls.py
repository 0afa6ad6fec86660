from django.urls import path

from . import cycle_views, edit_views, report_views, views

app_name = "actionplan"
urlpatterns = [
    path("<int:pk>/", views.plan_detail, name="plan"),
    path("<int:pk>/edit/", edit_views.plan_edit, name="edit"),
    path("<int:pk>/edit/<slug:kind>/<int:record_pk>/", edit_views.record_edit, name="record_edit"),
    path("<int:pk>/edit/<slug:kind>/<int:record_pk>/remove/", edit_views.item_remove, name="item_remove"),
    path("<int:pk>/edit/objectives/<int:objective_pk>/add/", edit_views.item_add, name="item_add"),
    path("<int:pk>/edit/objectives/add/", edit_views.objective_add, name="objective_add"),
    path("<int:pk>/revise/", edit_views.revise, name="revise"),
    path("<int:pk>/history/", edit_views.history, name="history"),
    path("<int:pk>/versions/<int:revision>/", edit_views.version, name="version"),
    path("<int:pk>/dashboard/", views.dashboard, name="dashboard"),
    path("<int:pk>/dashboard.csv", views.dashboard_export, {"fmt": "csv"}, name="dashboard_csv"),
    path("<int:pk>/dashboard.xlsx", views.dashboard_export, {"fmt": "xlsx"}, name="dashboard_xlsx"),
    path("<int:pk>/cycles/", cycle_views.cycles, name="cycles"),
    path("cycles/<int:pk>/", cycle_views.cycle, name="cycle"),
    path("cycles/<int:pk>/<slug:step>/", cycle_views.cycle_step, name="cycle_step"),
    path("cycles/<int:pk>/reports/<slug:reporter>/", report_views.report_form, name="report"),
    path("cycles/<int:pk>/reports/<slug:reporter>/sheet.xlsx", report_views.report_sheet, name="report_sheet"),
    path("cycles/<int:pk>/reports/<slug:reporter>/upload/", report_views.report_upload, name="report_upload"),
    path("cycles/<int:pk>/reports/<slug:reporter>/review/<slug:action>/", report_views.report_review, name="report_review"),
]

from . import needs_views  # noqa: E402

urlpatterns += [
    path("<int:pk>/needs/", needs_views.assessments, name="assessments"),
    path("needs/<int:pk>/", needs_views.assessment, name="needs"),
    path("needs/<int:pk>/sections/<int:section_pk>/questions/", needs_views.add_question, name="needs_question"),
    path("needs/<int:pk>/results/", needs_views.results, name="needs_results"),
    path("needs/<int:pk>/results.csv", needs_views.results_csv, name="needs_results_csv"),
    path("needs/<int:pk>/responses/<slug:iso3>/", needs_views.response, name="needs_response"),
    path("needs/<int:pk>/<slug:step>/", needs_views.assessment_step, name="needs_step"),
]
