data "aws_eks_cluster" "this" {
  name = "payments"

  lifecycle {
    postcondition {
      condition     = trimsuffix(self.identity[0].oidc[0].issuer, "/") == "https://oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF"
      error_message = "The OIDC issuer in irsa.config.json (https://oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF) is not the issuer of EKS cluster payments."
    }
  }
}

data "aws_eks_cluster_auth" "this" {
  name = data.aws_eks_cluster.this.name
}

check "pod_identity_agent" {
  assert {
    condition     = data.aws_eks_addon.pod_identity_agent.addon_version != ""
    error_message = "EKS Pod Identity needs the eks-pod-identity-agent add-on (or its agent) on cluster payments: aws eks create-addon --cluster-name payments --addon-name eks-pod-identity-agent --region eu-west-1"
  }

  data "aws_eks_addon" "pod_identity_agent" {
    addon_name   = "eks-pod-identity-agent"
    cluster_name = "payments"
  }
}
