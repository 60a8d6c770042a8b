# Case event streams: the AWS provider has no resource for the Connect EVENT association or the Cases
# event configuration, and its aws_appintegrations_event_integration only accepts aws.partner/* sources
# (it refuses aws.cases). So the provisioning function makes all three, invoked on create, update and
# destroy (lifecycle_scope = "CRUD").

locals {
  # Only built when streams are on: the ARNs below need the instance and the domain.
  provision_policy_statements = !local.streams_enabled ? [] : [
    {
      # The Service Authorization Reference lists, for CreateIntegrationAssociation, the dependent actions
      # of every integration type. Only the EVENT type for Cases is created here; the others stay out:
      # iam:omit connect:CreateIntegrationAssociation app-integrations:CreateApplicationAssociation app-integrations:GetApplication -- APPLICATION integrations, not EVENT
      # iam:omit connect:CreateIntegrationAssociation ds:DescribeDirectories -- instances with an AWS Directory Service identity, not needed to associate an event integration
      # iam:omit connect:CreateIntegrationAssociation iam:AttachRolePolicy iam:CreateServiceLinkedRole iam:PutRolePolicy -- service-linked-role set-up of Wisdom, Voice ID and Pinpoint integrations
      # iam:omit connect:CreateIntegrationAssociation mobiletargeting:GetApp -- PINPOINT_APP integrations
      # iam:omit connect:CreateIntegrationAssociation voiceid:DescribeDomain -- VOICE_ID integrations
      # iam:omit connect:CreateIntegrationAssociation wisdom:GetAssistant wisdom:GetKnowledgeBase wisdom:TagResource -- WISDOM_* (Amazon Q in Connect) integrations
      # iam:omit connect:DeleteIntegrationAssociation app-integrations:DeleteApplicationAssociation ds:DescribeDirectories -- as for CreateIntegrationAssociation
      sid        = "ManageEventAssociation"
      actions    = ["connect:ListIntegrationAssociations", "connect:CreateIntegrationAssociation", "connect:DeleteIntegrationAssociation", "connect:DescribeInstance"]
      resources  = [var.connect_instance_arn, "${var.connect_instance_arn}/integration-association/*"]
      conditions = []
    },
    {
      # CreateIntegrationAssociation of type EVENT associates the event integration on the caller's behalf.
      sid        = "ManageEventIntegration"
      actions    = ["app-integrations:GetEventIntegration", "app-integrations:CreateEventIntegration", "app-integrations:DeleteEventIntegration", "app-integrations:CreateEventIntegrationAssociation", "app-integrations:DeleteEventIntegrationAssociation"]
      resources  = ["arn:${local.partition}:app-integrations:${local.region}:${local.account_id}:event-integration/${local.event_integration_name}", "arn:${local.partition}:app-integrations:${local.region}:${local.account_id}:event-integration-association/${local.event_integration_name}/*"]
      conditions = []
    },
    {
      # The association's EventBridge rule is not ours: this function never calls EventBridge. The Service
      # Authorization Reference lists events:PutRule/PutTargets as dependent actions of
      # app-integrations:CreateEventIntegrationAssociation (and DeleteRule/RemoveTargets of its Delete), so
      # AppIntegrations creates and names the rule (hence rule/*) with this role's permissions, through a
      # forward access session. Two conditions, both from the reference and the IAM guide:
      # - events:ManagedBy is "the principal name of the service that created the rule" (the reference's
      #   definition of the key); AppIntegrations' principal is app-integrations.amazonaws.com (the name
      #   its data integrations tell bucket policies to allow). No AWS page prints this pair for
      #   AppIntegrations' rules, so the value is derived, not quoted: see modules/cases/README.md.
      # - aws:ViaAWSService is true on every forward access session request (IAM User Guide, "Forward
      #   access sessions"), so the role cannot write even such a rule by calling EventBridge itself.
      sid       = "ManagedEventRule"
      actions   = ["events:PutRule", "events:PutTargets", "events:DeleteRule", "events:RemoveTargets"]
      resources = ["arn:${local.partition}:events:${local.region}:${local.account_id}:rule/*"]
      conditions = [
        {
          test     = "StringEquals"
          variable = "events:ManagedBy"
          values   = ["app-integrations.amazonaws.com"]
        },
        {
          test     = "Bool"
          variable = "aws:ViaAWSService"
          values   = ["true"]
        },
      ]
    },
    {
      # Deleting the event integration association reads the managed rule's targets first (a read, and
      # events:ManagedBy is not in its request context, so it cannot carry the condition above).
      sid        = "ReadEventRuleTargets"
      actions    = ["events:ListTargetsByRule"]
      resources  = ["arn:${local.partition}:events:${local.region}:${local.account_id}:rule/*"]
      conditions = []
    },
    {
      # cases:GetDomain: dependent action of CreateIntegrationAssociation for a Cases domain.
      sid        = "ConfigureCaseEvents"
      actions    = ["cases:GetDomain", "cases:GetCaseEventConfiguration", "cases:PutCaseEventConfiguration"]
      resources  = [local.domain_arn]
      conditions = []
    },
    {
      # One item per domain holds its event configuration from before this module changed it, so
      # destroy can put it back (see connect_data/cases/provisioner.py).
      sid        = "RecordPreviousConfiguration"
      actions    = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"]
      resources  = [aws_dynamodb_table.cases.arn]
      conditions = []
    },
  ]
}

module "provision_function" {
  source = "../lambda_function"
  count  = local.streams_enabled ? 1 : 0

  function_name           = local.provision_function_name
  description             = "Associates the Cases event integration with Connect and configures the domain's case events (Terraform CRUD)"
  capability              = "cases"
  handler                 = "connect_data.cases.provisioner.handler"
  settings                = var.lambda
  metrics_namespace       = var.monitoring.metrics_namespace
  memory_size             = 128
  timeout                 = 60
  kms_key_arn             = var.kms_key_arn
  create_dependency_layer = false
  dependency_layer_arn    = local.layer_arn

  environment_variables = { CONFIGURATION_RECORD_TABLE = aws_dynamodb_table.cases.name }
  policy_statements     = local.provision_policy_statements

  tags = var.tags
}

resource "aws_lambda_invocation" "event_streams" {
  count = local.streams_enabled ? 1 : 0

  function_name   = module.provision_function[0].function_name
  qualifier       = module.provision_function[0].alias_name
  lifecycle_scope = "CRUD"
  input = jsonencode({
    instance_id             = local.instance_id
    domain_id               = var.cases_domain_id
    integration_name        = local.event_integration_name
    source_application_url  = local.domain_arn
    source_application_name = "Amazon Connect Cases"
    fields                  = local.event_fields
    disable_on_delete       = var.disable_on_delete
  })

  # The function must outlive its own delete call: its role, policy and log group are destroyed after it,
  # and so is the table holding the configuration to restore.
  depends_on = [module.provision_function, aws_dynamodb_table.cases]
}
