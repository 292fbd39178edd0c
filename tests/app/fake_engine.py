"""The one fake Docker engine for app tests, standing in at the SDK boundary.

`docker.APIClient` streams classic-builder chunks as the engine does (notes/stack.md §4:
"Step n/m : …", " ---> Using cache", " ---> Running in …", an aux ID), with a real layer
cache keyed on the parent, the instruction and the bytes a COPY copies; `docker.from_env`
answers ping/version and serves images (history newest first, attrs Size); `docker buildx`
is absent. Containers do not run: a probe reports that the image did not start.
"""

from __future__ import annotations

import hashlib
import io
import tarfile
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

import docker
import pytest
from docker.errors import APIError, DockerException, ImageNotFound

from layerlab.cache.plan import plan, target_stage
from layerlab.dockerfile import Dockerfile, Instruction, parse
from layerlab.engine import discovery as engine
from layerlab.engine.history import layer_instructions

BASE_SIZE = 146_000_000
LAYER_SIZES = {"RUN": 12_000_000, "COPY": 2_000, "ADD": 2_000}


@dataclass
class FakeImage:
    id: str
    size: int
    rows: list[dict[str, object]]  # newest first, as history() returns them
    tags: list[str] = field(default_factory=list)

    @property
    def attrs(self) -> dict[str, object]:
        return {"Id": self.id, "Size": self.size}

    def history(self) -> list[dict[str, object]]:
        return self.rows


class FakeEngine:
    def __init__(self, step_seconds: float = 0.0) -> None:
        self.step_seconds = step_seconds  # how long each executed step takes
        self.cache: set[str] = set()
        self.images: dict[str, FakeImage] = {}
        self.builds: list[dict[str, object]] = []  # the arguments of each build call

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(docker, "APIClient", lambda **kwargs: FakeAPIClient(self))
        monkeypatch.setattr(docker, "from_env", lambda **kwargs: FakeDockerClient(self))
        monkeypatch.setattr(engine, "buildx_available", lambda: False)

    def build(self, files: Mapping[str, bytes], options: Mapping[str, object]) -> Iterator[dict]:
        self.builds.append(dict(options))
        dockerfile = parse(files[str(options["dockerfile"])].decode())
        steps = plan(dockerfile, options.get("target"), "classic")  # type: ignore[arg-type]
        stage_keys: dict[int, str] = {}
        key = ""
        for number, planned in enumerate(steps, start=1):
            inst = planned.instruction
            yield {"stream": f"Step {number}/{len(steps)} : {inst.text.splitlines()[0]}"}
            yield {"stream": "\n"}
            key = _key(key, inst, files, stage_keys, dockerfile)
            if planned.stage is not None:
                stage_keys[planned.stage.index] = key
            if inst.keyword == "FROM":
                yield {"stream": f" ---> {key[:12]}\n"}
            elif key in self.cache and not options.get("nocache"):
                yield {"stream": " ---> Using cache\n"}
                yield {"stream": f" ---> {key[:12]}\n"}
            else:
                self.cache.add(key)
                time.sleep(self.step_seconds)
                if inst.keyword == "RUN":
                    yield {"stream": f" ---> Running in {key[12:24]}\n"}
                    yield {"stream": "done\n"}
                yield {"stream": f" ---> {key[:12]}\n"}
        image_id = f"sha256:{key}"
        self.images[image_id] = _image(image_id, dockerfile, options.get("target"))  # type: ignore[arg-type]
        self.images[image_id].tags.append(str(options["tag"]))
        yield {"aux": {"ID": image_id}}
        yield {"stream": f"Successfully built {key[:12]}\n"}


def _key(
    parent: str,
    inst: Instruction,
    files: Mapping[str, bytes],
    stage_keys: Mapping[int, str],
    dockerfile: Dockerfile,
) -> str:
    """Docker's cache key: the parent and the instruction, plus what a COPY/ADD copies."""
    digest = hashlib.sha256()
    if inst.keyword == "FROM":
        stage = dockerfile.stages[inst.stage]
        parent = stage_keys.get(stage.parent, "") if stage.parent is not None else ""
    digest.update(f"{parent}\n{inst.text}".encode())
    if inst.keyword in ("COPY", "ADD"):
        sources = [s for s in inst.arguments.split()[:-1] if not s.startswith("--")]
        for ref in inst.flag_values("from"):
            source = dockerfile.stage_for_reference(ref, before=inst.stage)
            digest.update(stage_keys.get(source.index, ref).encode() if source else ref.encode())
        if not inst.flag_values("from"):
            for path in sorted(files):
                if any(
                    s in (".", "./") or path == s or path.startswith(s.rstrip("/") + "/")
                    for s in sources
                ):
                    digest.update(path.encode() + files[path])
    return digest.hexdigest()


def _image(image_id: str, dockerfile: Dockerfile, target: str | None) -> FakeImage:
    layers = layer_instructions(dockerfile, target_stage(dockerfile, target))
    own = [{"Size": LAYER_SIZES.get(inst.keyword, 0), "CreatedBy": inst.text} for inst in layers]
    rows = [{"Size": BASE_SIZE, "CreatedBy": ""}, *own]
    return FakeImage(image_id, sum(int(r["Size"]) for r in rows), list(reversed(rows)))


class FakeAPIClient:
    def __init__(self, fake: FakeEngine) -> None:
        self.fake = fake

    def build(self, *, fileobj: io.BytesIO, **options: object) -> Iterator[dict]:
        with tarfile.open(fileobj=fileobj) as tar:
            files = {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}  # type: ignore[union-attr]
        return self.fake.build(files, options)

    def containers(self, **filters: object) -> list[dict[str, object]]:
        return []

    def remove_container(self, container: str, force: bool = False) -> None:
        return None

    def close(self) -> None:
        return None

    def __enter__(self) -> FakeAPIClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class FakeImages:
    def __init__(self, fake: FakeEngine) -> None:
        self.fake = fake

    def get(self, name: str) -> FakeImage:
        for image in self.fake.images.values():
            if name == image.id or name in image.tags:
                return image
        raise ImageNotFound(f"No such image: {name}")

    def list(self, name: str | None = None) -> list[FakeImage]:
        images = self.fake.images.values()
        return [i for i in images if name is None or any(t.startswith(f"{name}:") for t in i.tags)]

    def remove(self, image: str, **options: object) -> None:
        found = self.get(image)
        found.tags.remove(image)


class FakeContainers:
    def run(self, image: str, **options: object) -> None:
        raise APIError("the fake engine runs no containers")


class FakeLowLevel:
    """The image calls of `client.api` the layer report makes: it finds images, exports none."""

    def __init__(self, images: FakeImages) -> None:
        self.images = images

    def inspect_image(self, name: str) -> dict[str, object]:
        return {"Id": self.images.get(name).id}

    def get_image(self, image: str, chunk_size: int | None = None) -> Iterator[bytes]:
        raise APIError("the fake engine exports no images")


class FakeDockerClient:
    def __init__(self, fake: FakeEngine) -> None:
        self.images = FakeImages(fake)
        self.containers = FakeContainers()
        self.api = FakeLowLevel(self.images)

    def ping(self) -> bool:
        return True

    def version(self) -> dict[str, str]:
        return {"Version": "27.0.0-fake", "ApiVersion": "1.46"}

    def close(self) -> None:
        return None


def no_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    """No engine answers: from_env fails the way it does without a socket."""

    def refuse(**kwargs: object) -> None:
        raise DockerException("Error while fetching server API version: connection refused")

    monkeypatch.setattr(docker, "from_env", refuse)
    monkeypatch.setattr(engine, "buildx_available", lambda: False)
