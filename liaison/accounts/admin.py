from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from liaison.core.admin import SecretariatAdmin

from .forms import AdminLoginForm
from .models import APIToken, LoginFailure, User

admin.site.login_form = AdminLoginForm  # the admin's login says when the throttle pauses it


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_staff", "is_active"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Name", {"fields": ("first_name", "last_name")}),
        ("Permissions", {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2", "is_staff")}),)


@admin.register(APIToken)
class APITokenAdmin(SecretariatAdmin):
    secretariat_may = ("view", "delete")  # the secretariat sees and revokes tokens
    list_display = ["name", "user", "prefix", "created", "last_used"]
    readonly_fields = ["prefix", "created", "last_used"]
    exclude = ["digest"]


@admin.register(LoginFailure)
class LoginFailureAdmin(SecretariatAdmin):
    secretariat_may = ("view", "delete")  # the secretariat sees failed logins and may clear them
    list_display = ["email", "client", "kind", "at"]
