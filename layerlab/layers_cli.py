"""`layerlab layers IMAGE`: what each layer of a local image holds, and what it wastes."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from layerlab.layer_report import EXPORT, STORAGE  # plain data: no Docker SDK

if TYPE_CHECKING:
    from layerlab.layer_report import LayerReport

EXIT_OK, EXIT_USAGE = 0, 2
LARGEST_SHOWN = 3  # paths per layer in the text format
CREATED_BY_WIDTH = 60
READ_FROM = {
    STORAGE: "the engine's overlay2 folders (no export needed)",
    EXPORT: "the engine's image export",
}


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser(
        "layers", help="files added, changed and deleted per layer of a local image; waste"
    )
    parser.add_argument("image", metavar="IMAGE", help="a name:tag or id on the local engine")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument(
        "--dockerfile", metavar="FILE", help="the Dockerfile it was built from: adds lines"
    )
    parser.add_argument("--target", metavar="T", help="the stage it was built with --target")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    # Imported here: `layerlab lint` must start fast, without the Docker SDK.
    from layerlab.cache import PlanError
    from layerlab.dockerfile import DockerfileInputError, parse
    from layerlab.engine.discovery import EngineUnavailable, connect
    from layerlab.engine.layers import ExportError, UnknownImage, layer_report

    try:
        dockerfile, text = None, None
        if args.dockerfile is not None:
            text = Path(args.dockerfile).read_text(encoding="utf-8")
            dockerfile = parse(text)
        client = connect()
        try:
            report = layer_report(client, args.image, dockerfile, args.target)
        finally:
            client.close()
    except OSError as exc:
        print(f"layerlab layers: {args.dockerfile}: cannot read ({exc.strerror})", file=sys.stderr)
        return EXIT_USAGE
    except (
        DockerfileInputError,
        PlanError,
        EngineUnavailable,
        UnknownImage,
        ExportError,
    ) as exc:
        print(f"layerlab layers: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.format == "json":
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        lines = text_lines(report)
        if text is not None:
            lines += cost_lines(text, report, args.dockerfile)
        sys.stdout.write("\n".join(lines) + "\n")
    return EXIT_OK


def cost_lines(text: str, report: LayerReport, filename: str) -> list[str]:
    """The findings whose cost the image shows (LL203, LL204), with it."""
    from layerlab.layer_costs import COST_SUFFIX, with_costs
    from layerlab.lint import lint

    found = [f for f in lint(text, filename=filename) if f.code in COST_SUFFIX]
    if not found:
        return []
    costed = with_costs(found, report, "en")
    return ["", "what these findings cost in this image:"] + [
        f"  {f.file}:{f.line} {f.code} {f.message}" for f in costed
    ]


def text_lines(report: LayerReport) -> list[str]:
    """The report for a terminal: one row per layer, its largest paths, then the waste."""
    lines = [
        f"{report.image}: {_mb(report.size)}, wasted {_mb(report.wasted_bytes)}, "
        f"efficiency {report.efficiency:.1%}",
        f"read from {READ_FROM[report.read_from]}",
        "",
        f"{'layer':>5} {'line':>5} {'size':>10} {'added':>7} {'changed':>7} {'deleted':>7} "
        f"{'wasted':>10}  created by",
    ]
    for layer in report.layers:
        line = str(layer.line) if layer.line is not None else "-"
        lines.append(
            f"{layer.index:>5} {line:>5} {_mb(layer.size):>10} {layer.added:>7} "
            f"{layer.changed:>7} {layer.deleted:>7} {_mb(layer.wasted_bytes):>10}  "
            f"{_short(layer.created_by)}"
        )
        lines += [
            f"{'':>12}{_mb(item.size):>10}  {item.path}" for item in layer.largest[:LARGEST_SHOWN]
        ]
    if report.waste:
        lines += ["", "wasted bytes: written by one layer, deleted or overwritten by a later one"]
    for item in report.waste:
        writer, remover = report.layers[item.added_in], report.layers[item.removed_in]
        lines.append(
            f"  {_mb(item.bytes)} in {item.files} files: written by "
            f"{_name(writer.index, writer.line)}, removed by {_name(remover.index, remover.line)}"
        )
        lines += [f"{'':>12}{_mb(path.size):>10}  {path.path}" for path in item.largest]
    return lines


def _name(index: int, line: int | None) -> str:
    return f"layer {index} (line {line})" if line is not None else f"layer {index}"


def _short(created_by: str) -> str:
    text = " ".join(created_by.replace("/bin/sh -c #(nop) ", "").split()) or "(no history)"
    return text if len(text) <= CREATED_BY_WIDTH else text[: CREATED_BY_WIDTH - 1] + "…"


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"
