"""JSON endpoints: a health check and the tips resource."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from api.tips import LANGUAGES, TIPS


@require_GET
def health(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@require_GET
def tips(request: HttpRequest) -> JsonResponse:
    """All tips in one language (`?lang=en|ja`), optionally one topic (`?topic=cache`)."""
    lang = request.GET.get("lang", "en")
    if lang not in LANGUAGES:
        return JsonResponse({"error": f"lang must be one of {', '.join(LANGUAGES)}"}, status=400)
    topic = request.GET.get("topic")
    selected = [tip for tip in TIPS if topic in (None, tip["topic"])]
    return JsonResponse(
        {
            "lang": lang,
            "tips": [{"id": t["id"], "topic": t["topic"], "text": t[lang]} for t in selected],
        }
    )
