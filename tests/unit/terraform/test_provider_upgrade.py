"""Nothing the AWS provider 6 upgrade guide removes or deprecates is used, so both 5.x and 6.x plan cleanly.

Source of the list: "Terraform AWS Provider Version 6 Upgrade Guide"
(hashicorp/terraform-provider-aws, website/docs/guides/version-6-upgrade.html.markdown, v6.0.0). Only the
entries a grep can recognise are kept: removed or deprecated resource types, removed provider arguments,
and renamed or deprecated attributes of the resources and data sources this collection could use.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]

REMOVED_OR_DEPRECATED_TYPES = [
    # Removed in 6.0 (OpsWorks Stacks end of life, SimpleDB and Worklink support dropped, Redshift).
    "aws_opsworks_",
    "aws_simpledb_domain",
    "aws_worklink_",
    "aws_redshift_service_account",
    # Deprecated in 6.0, removed in a later major version.
    "aws_elastictranscoder_",
    "aws_evidently_",
    "aws_kinesis_analytics_application",
    "aws_media_store_container",
]

DEPRECATED_REFERENCES = {
    r"data\.aws_region\.[\w-]+\.name\b": "aws_region.name is deprecated; use .id (5.x and 6.x) or .region (6.x)",
    r"\baws_s3_bucket\.[\w-]+\.region\b": "aws_s3_bucket.region now means Enhanced Region Support; use bucket_region",
    r"\bs3_us_east_1_regional_endpoint\b": "provider argument removed in 7.0, deprecated in 6.0",
    r"\bendpoints\s*\{[^}]*\b(opsworks|simpledb|sdb|worklink)\b": "provider endpoint removed in 6.0",
    r"\bcompute_environment_name(_prefix)?\b": "aws_batch_compute_environment arguments renamed in 6.0",
    r"\bresolve_conflicts\s*=": "aws_eks_addon.resolve_conflicts removed in 6.0",
    r"\bvpn_gateway_id\s*=": "aws_dx_gateway_association.vpn_gateway_id removed in 6.0",
    r"\bkibana_endpoint\b": "aws_opensearch_domain.kibana_endpoint removed in 6.0",
    r"\binference_accelerator": "ECS inference accelerators removed in 6.0",
    r"\belastic_(gpu_specifications|inference_accelerator)\b": "launch template accelerators removed in 6.0",
    r"\bblock_duration_minutes\b": "aws_spot_instance_request.block_duration_minutes removed in 6.0",
}


def _terraform_files() -> list[Path]:
    files = [p for p in REPO.rglob("*.tf") if ".terraform" not in p.parts and ".build" not in p.parts]
    files += [p for p in REPO.rglob("*.tftest.hcl") if ".terraform" not in p.parts]
    assert files, "no Terraform files found"
    return sorted(files)


@pytest.mark.parametrize("path", _terraform_files(), ids=lambda p: p.relative_to(REPO).as_posix())
def test_no_removed_or_deprecated_provider_feature(path: Path) -> None:
    text = path.read_text()
    found = [t for t in REMOVED_OR_DEPRECATED_TYPES if re.search(rf'"{t}|\b{t}', text)]
    found += [why for pattern, why in DEPRECATED_REFERENCES.items() if re.search(pattern, text)]
    assert found == []


def test_every_versions_tf_accepts_provider_5_84_through_6() -> None:
    versions = sorted(p for p in REPO.rglob("versions.tf") if ".terraform" not in p.parts)
    assert len(versions) >= 15
    constraints = {
        p.relative_to(REPO).as_posix(): re.findall(r'\bversion\s*=\s*"([^"]+)"', p.read_text()) for p in versions
    }
    assert {path: c for path, c in constraints.items() if c != [">= 5.84, < 7.0"]} == {}
