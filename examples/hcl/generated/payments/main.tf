resource "aws_eks_pod_identity_association" "bi_dashboards" {
  cluster_name    = "payments"
  namespace       = "bi"
  role_arn        = aws_iam_role.bi_dashboards.arn
  service_account = "dashboards"
}

resource "aws_iam_openid_connect_provider" "this" {
  client_id_list = ["sts.amazonaws.com"]
  url            = "https://oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF"
}

resource "aws_iam_policy" "bi_dashboards" {
  description = "S3 read access to acme-curated, prefix tables/reports/"
  name        = "payments-bi-dashboards-s3"

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "ListObjectsInPrefix"
        Effect   = "Allow"
        Action   = "s3:ListBucket"
        Resource = "arn:aws:s3:::acme-curated"
        Condition = {
          StringLike = {
            "s3:prefix" = "tables/reports/*"
          }
        }
      },
      {
        Sid      = "ReadObjects"
        Effect   = "Allow"
        Action   = "s3:GetObject"
        Resource = "arn:aws:s3:::acme-curated/tables/reports/*"
      },
    ]
  })
}

resource "aws_iam_policy" "billing_invoice_exporter" {
  description = "S3 read access to acme-invoices, prefix exports/"
  name        = "payments-billing-invoice-exporter-s3"

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "ListObjectsInPrefix"
        Effect   = "Allow"
        Action   = "s3:ListBucket"
        Resource = "arn:aws:s3:::acme-invoices"
        Condition = {
          StringLike = {
            "s3:prefix" = "exports/*"
          }
        }
      },
      {
        Sid      = "ReadObjects"
        Effect   = "Allow"
        Action   = "s3:GetObject"
        Resource = "arn:aws:s3:::acme-invoices/exports/*"
      },
    ]
  })
}

resource "aws_iam_policy" "etl_loader" {
  description = "S3 access to 2 bucket folders: read acme-raw prefix landing/; read-write acme-curated prefix tables/ (KMS)"
  name        = "payments-etl-loader-s3"

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "ListObjectsInPrefix"
        Effect   = "Allow"
        Action   = "s3:ListBucket"
        Resource = "arn:aws:s3:::acme-raw"
        Condition = {
          StringLike = {
            "s3:prefix" = "landing/*"
          }
        }
      },
      {
        Sid      = "ReadObjects"
        Effect   = "Allow"
        Action   = "s3:GetObject"
        Resource = "arn:aws:s3:::acme-raw/landing/*"
      },
      {
        Sid      = "ListObjectsInPrefixGrant2"
        Effect   = "Allow"
        Action   = "s3:ListBucket"
        Resource = "arn:aws:s3:::acme-curated"
        Condition = {
          StringLike = {
            "s3:prefix" = "tables/*"
          }
        }
      },
      {
        Sid      = "ReadObjectsGrant2"
        Effect   = "Allow"
        Action   = "s3:GetObject"
        Resource = "arn:aws:s3:::acme-curated/tables/*"
      },
      {
        Sid    = "WriteObjectsGrant2"
        Effect = "Allow"
        Action = [
          "s3:PutObject",
          "s3:DeleteObject",
          "s3:AbortMultipartUpload",
          "s3:ListMultipartUploadParts",
        ]
        Resource = "arn:aws:s3:::acme-curated/tables/*"
      },
      {
        Sid    = "UseKmsKeyThroughS3Grant2"
        Effect = "Allow"
        Action = [
          "kms:Decrypt",
          "kms:GenerateDataKey",
        ]
        Resource = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
        Condition = {
          StringEquals = {
            "kms:ViaService" = "s3.eu-west-1.amazonaws.com"
          }
        }
      },
    ]
  })
}

resource "aws_iam_policy" "reporting_report_writer" {
  description = "S3 read-write access to acme-reports, prefix monthly/"
  name        = "payments-reporting-report-writer-s3"

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "ListObjectsInPrefix"
        Effect   = "Allow"
        Action   = "s3:ListBucket"
        Resource = "arn:aws:s3:::acme-reports"
        Condition = {
          StringLike = {
            "s3:prefix" = "monthly/*"
          }
        }
      },
      {
        Sid      = "ReadObjects"
        Effect   = "Allow"
        Action   = "s3:GetObject"
        Resource = "arn:aws:s3:::acme-reports/monthly/*"
      },
      {
        Sid    = "WriteObjects"
        Effect = "Allow"
        Action = [
          "s3:PutObject",
          "s3:DeleteObject",
          "s3:AbortMultipartUpload",
          "s3:ListMultipartUploadParts",
        ]
        Resource = "arn:aws:s3:::acme-reports/monthly/*"
      },
    ]
  })
}

resource "aws_iam_role" "bi_dashboards" {
  description = "EKS Pod Identity role for system:serviceaccount:bi:dashboards on EKS cluster payments"
  name        = "payments-bi-dashboards"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "AssumeRoleFromPodIdentity"
        Effect = "Allow"
        Principal = {
          Service = "pods.eks.amazonaws.com"
        }
        Action = [
          "sts:AssumeRole",
          "sts:TagSession",
        ]
        Condition = {
          StringEquals = {
            "aws:RequestTag/eks-cluster-arn"            = "${data.aws_eks_cluster.this.arn}"
            "aws:RequestTag/kubernetes-namespace"       = "bi"
            "aws:RequestTag/kubernetes-service-account" = "dashboards"
          }
        }
      },
    ]
  })
}

resource "aws_iam_role" "billing_invoice_exporter" {
  description = "IRSA role for system:serviceaccount:billing:invoice-exporter on EKS cluster payments"
  name        = "payments-billing-invoice-exporter"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "AssumeRoleFromServiceAccount"
        Effect = "Allow"
        Principal = {
          Federated = "${aws_iam_openid_connect_provider.this.arn}"
        }
        Action = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          StringEquals = {
            "oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF:sub" = "system:serviceaccount:billing:invoice-exporter"
            "oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF:aud" = "sts.amazonaws.com"
          }
        }
      },
    ]
  })
}

resource "aws_iam_role" "etl_loader" {
  description = "IRSA role for system:serviceaccount:etl:loader on EKS cluster payments"
  name        = "payments-etl-loader"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "AssumeRoleFromServiceAccount"
        Effect = "Allow"
        Principal = {
          Federated = "${aws_iam_openid_connect_provider.this.arn}"
        }
        Action = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          StringEquals = {
            "oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF:sub" = "system:serviceaccount:etl:loader"
            "oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF:aud" = "sts.amazonaws.com"
          }
        }
      },
    ]
  })
}

resource "aws_iam_role" "reporting_report_writer" {
  description = "IRSA role for system:serviceaccount:reporting:report-writer on EKS cluster payments"
  name        = "payments-reporting-report-writer"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "AssumeRoleFromServiceAccount"
        Effect = "Allow"
        Principal = {
          Federated = "${aws_iam_openid_connect_provider.this.arn}"
        }
        Action = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          StringEquals = {
            "oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF:sub" = "system:serviceaccount:reporting:report-writer"
            "oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF:aud" = "sts.amazonaws.com"
          }
        }
      },
    ]
  })
}

resource "aws_iam_role_policy_attachment" "bi_dashboards" {
  policy_arn = aws_iam_policy.bi_dashboards.arn
  role       = aws_iam_role.bi_dashboards.name
}

resource "aws_iam_role_policy_attachment" "billing_invoice_exporter" {
  policy_arn = aws_iam_policy.billing_invoice_exporter.arn
  role       = aws_iam_role.billing_invoice_exporter.name
}

resource "aws_iam_role_policy_attachment" "etl_loader" {
  policy_arn = aws_iam_policy.etl_loader.arn
  role       = aws_iam_role.etl_loader.name
}

resource "aws_iam_role_policy_attachment" "reporting_report_writer" {
  policy_arn = aws_iam_policy.reporting_report_writer.arn
  role       = aws_iam_role.reporting_report_writer.name
}

resource "kubernetes_namespace_v1" "reporting" {
  metadata {
    name = "reporting"
  }
}

resource "kubernetes_service_account_v1" "billing_invoice_exporter" {
  metadata {
    name      = "invoice-exporter"
    namespace = "billing"

    annotations = {
      "eks.amazonaws.com/role-arn" = aws_iam_role.billing_invoice_exporter.arn
    }
  }
}

resource "kubernetes_service_account_v1" "etl_loader" {
  metadata {
    name      = "loader"
    namespace = "etl"

    annotations = {
      "eks.amazonaws.com/role-arn" = aws_iam_role.etl_loader.arn
    }
  }
}

resource "kubernetes_service_account_v1" "reporting_report_writer" {
  metadata {
    name      = "report-writer"
    namespace = kubernetes_namespace_v1.reporting.metadata[0].name

    annotations = {
      "eks.amazonaws.com/role-arn" = aws_iam_role.reporting_report_writer.arn
    }
  }
}
