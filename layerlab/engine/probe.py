"""Start a built image, ask it for JSON over HTTP, check who it runs as, remove it."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass

import docker
from docker.errors import DockerException

from layerlab.engine.limits import PROBE_LIMITS


@dataclass(frozen=True)
class ProbeResult:
    answered: bool  # HTTP 200 with a JSON body
    uid: int | None  # `id -u` inside the container
    message: str

    @property
    def non_root(self) -> bool:
        return self.uid is not None and self.uid != 0


def probe_image(
    client: docker.DockerClient, image: str, port: int, path: str, timeout: float = 60.0
) -> ProbeResult:
    try:
        container = client.containers.run(
            image,
            detach=True,
            ports={f"{port}/tcp": ("127.0.0.1", None)},
            security_opt=["no-new-privileges"],
            cap_drop=["ALL"],
            **PROBE_LIMITS,
        )
    except DockerException as exc:
        return ProbeResult(False, None, f"the image did not start: {exc}")
    try:
        container.reload()
        host_port = container.ports[f"{port}/tcp"][0]["HostPort"]
        answered, message = _wait_for_json(
            container, f"http://127.0.0.1:{host_port}{path}", timeout
        )
        return ProbeResult(answered, _uid(container), message)
    except (DockerException, KeyError, IndexError, TypeError) as exc:
        return ProbeResult(False, None, f"the container could not be probed: {exc}")
    finally:
        container.remove(force=True)


def _wait_for_json(container, url: str, timeout: float) -> tuple[bool, str]:
    deadline = time.monotonic() + timeout
    last = "no answer yet"
    while time.monotonic() < deadline:
        container.reload()
        if container.status == "exited":
            logs = container.logs(tail=20).decode("utf-8", "replace")
            return False, f"the container exited before answering:\n{logs}"
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                json.loads(response.read())
                return True, f"{url} answered {response.status} with JSON"
        except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
            last = str(exc)
        except ValueError:
            return False, f"{url} answered, but not with JSON"
        time.sleep(0.5)
    return False, f"{url} did not answer within {timeout:.0f} s ({last})"


def _uid(container) -> int | None:
    code, output = container.exec_run(["id", "-u"])
    text = output.decode("utf-8", "replace").strip()
    return int(text) if code == 0 and text.isdigit() else None
