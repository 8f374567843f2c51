"""`workbench brand list | show | create | import | export | set-default | delete`."""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.cli.lazy import deferred_help
from workbench.cli.output import print_json, print_table


def cmd_list(args: argparse.Namespace) -> int:
    from workbench.services import brands
    infos = brands.profiles()
    if args.json:
        print_json([{"name": i.name, "display_name": i.display_name, "firm": i.firm_name,
                     "default": i.is_default, "built_in": i.built_in, "problem": i.problem}
                    for i in infos])
        return 0
    print_table(["", "name", "firm", "source", "profile"],
                [("*" if i.is_default else "", i.name, i.firm_name or "(does not load)",
                  "built-in" if i.built_in else "yours", i.display_name) for i in infos])
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from workbench.services import brands
    b = brands.resolve(args.name)
    facts = {"name": b.name, "display_name": b.display_name, "firm": b.firm_name,
             "logo": str(b.logo) if b.logo else None,
             "client_logo": str(b.client_logo) if b.client_logo else None,
             "primary": b.primary, "accent": b.accent, "font": b.fonts.family,
             "cover_title": b.cover_title, "cover_subtitle": b.cover_subtitle,
             "cover_text": b.cover_text, "footer": b.footer,
             "confidentiality": b.confidentiality, "paper": b.paper_size,
             "default": b.name == brands.default_profile(), "folder": str(b.folder)}
    if args.json:
        print_json(facts)
        return 0
    for key, value in facts.items():
        print(f"{key + ':':<17}{'' if value is None else value}")
    return 0


def cmd_create(args: argparse.Namespace) -> int:
    from workbench.services import brands
    draft = brands.BrandDraft(
        name=args.name or brands.suggest_name(args.firm), display_name=args.firm,
        firm_name=args.firm,
        logo=brands.read_logo(Path(args.logo)) if args.logo else None,
        client_logo=brands.read_logo(Path(args.client_logo)) if args.client_logo else None,
        primary=args.primary, accent=args.accent, footer=args.footer,
        confidentiality=args.disclaimer)
    brand = brands.save(draft)
    if args.set_default:
        brands.set_default(brand.name)
    print(f"created brand profile {brand.name!r} ({brand.firm_name})"
          + (", now the default" if args.set_default else ""))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from workbench.services import brands
    brand = brands.import_profile(Path(args.file), args.name, replace_existing=args.replace)
    print(f"imported brand profile {brand.name!r} ({brand.firm_name})")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from workbench.services import brands
    path = brands.export_profile(args.name, Path(args.output))
    print(f"wrote {path}")
    return 0


def cmd_set_default(args: argparse.Namespace) -> int:
    from workbench.services import brands
    brand = brands.set_default(args.name)
    print(f"the default brand profile is now {brand.name!r} ({brand.firm_name})")
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    from workbench.services import brands
    brands.delete(args.name)
    print(f"deleted brand profile {args.name!r}; the default is {brands.default_profile()!r}")
    return 0


def _archive_suffix() -> str:
    from workbench.services import brands
    return brands.ARCHIVE_SUFFIX


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             parent: argparse.ArgumentParser) -> None:
    brand = sub.add_parser("brand", help="the firm's brand profiles (logo, colours, footer)")
    bsub = brand.add_subparsers(dest="brand_command", required=True, metavar="SUBCOMMAND")
    p = bsub.add_parser("list", help="every brand profile, the default marked *")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_list)
    p = bsub.add_parser("show", help="a brand profile's settings")
    p.add_argument("name", nargs="?", default=None, help="the profile (default: the default)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_show)
    p = bsub.add_parser("create", help="a new profile for your firm")
    p.add_argument("--firm", required=True, help="the firm's name")
    p.add_argument("--name", help="the profile's name (default: made from the firm's name)")
    p.add_argument("--logo", help="the firm's logo, a PNG, JPEG or SVG file")
    p.add_argument("--client-logo", help="a client's logo for co-branded reports")
    p.add_argument("--primary", default="#0F3D5C", help="primary colour, #RRGGBB")
    p.add_argument("--accent", default="#2B7A98", help="accent colour, #RRGGBB")
    p.add_argument("--footer", default="{firm}", help="the report's footer ({firm}, {client})")
    p.add_argument("--disclaimer",
                   default="Confidential: prepared for {client}. Not for onward distribution.",
                   help="the confidentiality line or disclaimer on the cover")
    p.add_argument("--set-default", action="store_true", help="make it the default profile")
    p.set_defaults(func=cmd_create)
    p = bsub.add_parser("import", help=deferred_help(
        lambda: f"add a profile from a {_archive_suffix()} file"))
    p.add_argument("file")
    p.add_argument("--name", help="the profile's name (default: made from its own)")
    p.add_argument("--replace", action="store_true", help="replace a profile of that name")
    p.set_defaults(func=cmd_import)
    p = bsub.add_parser("export", help=deferred_help(
        lambda: f"write a profile as one {_archive_suffix()} file"))
    p.add_argument("name")
    p.add_argument("-o", "--output", required=True, help="the file to write")
    p.set_defaults(func=cmd_export)
    p = bsub.add_parser("set-default", help="the profile every deliverable uses by default")
    p.add_argument("name", help="a profile's name; 'default' for the neutral one")
    p.set_defaults(func=cmd_set_default)
    p = bsub.add_parser("delete", help="delete one of your profiles")
    p.add_argument("name")
    p.set_defaults(func=cmd_delete)
