output "bi_dashboards_pod_identity_association" {
  description = "ARN of the EKS Pod Identity association of bi/dashboards"
  value       = aws_eks_pod_identity_association.bi_dashboards.association_arn
}

output "bi_dashboards_policy_arn" {
  description = "ARN of the S3 policy attached to that role"
  value       = aws_iam_policy.bi_dashboards.arn
}

output "bi_dashboards_role_arn" {
  description = "ARN of the IAM role for system:serviceaccount:bi:dashboards"
  value       = aws_iam_role.bi_dashboards.arn
}

output "billing_invoice_exporter_policy_arn" {
  description = "ARN of the S3 policy attached to that role"
  value       = aws_iam_policy.billing_invoice_exporter.arn
}

output "billing_invoice_exporter_role_arn" {
  description = "ARN of the IAM role for system:serviceaccount:billing:invoice-exporter"
  value       = aws_iam_role.billing_invoice_exporter.arn
}

output "billing_invoice_exporter_service_account" {
  description = "The Kubernetes service account (namespace/name) annotated with that role"
  value       = "${kubernetes_service_account_v1.billing_invoice_exporter.metadata[0].namespace}/${kubernetes_service_account_v1.billing_invoice_exporter.metadata[0].name}"
}

output "etl_loader_policy_arn" {
  description = "ARN of the S3 policy attached to that role"
  value       = aws_iam_policy.etl_loader.arn
}

output "etl_loader_role_arn" {
  description = "ARN of the IAM role for system:serviceaccount:etl:loader"
  value       = aws_iam_role.etl_loader.arn
}

output "etl_loader_service_account" {
  description = "The Kubernetes service account (namespace/name) annotated with that role"
  value       = "${kubernetes_service_account_v1.etl_loader.metadata[0].namespace}/${kubernetes_service_account_v1.etl_loader.metadata[0].name}"
}

output "oidc_provider_arn" {
  description = "ARN of the IAM OIDC provider of EKS cluster payments"
  value       = aws_iam_openid_connect_provider.this.arn
}

output "reporting_report_writer_policy_arn" {
  description = "ARN of the S3 policy attached to that role"
  value       = aws_iam_policy.reporting_report_writer.arn
}

output "reporting_report_writer_role_arn" {
  description = "ARN of the IAM role for system:serviceaccount:reporting:report-writer"
  value       = aws_iam_role.reporting_report_writer.arn
}

output "reporting_report_writer_service_account" {
  description = "The Kubernetes service account (namespace/name) annotated with that role"
  value       = "${kubernetes_service_account_v1.reporting_report_writer.metadata[0].namespace}/${kubernetes_service_account_v1.reporting_report_writer.metadata[0].name}"
}
