from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GamesConfig(AppConfig):
    name = "netpoint.provider.modules.games"
    label = "games"
    verbose_name = _("Trò chơi trực tuyến")
