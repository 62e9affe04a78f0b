import {
  validateBucketName,
  validateClusterName,
  validateNamespace,
  validateOidcIssuer,
  validatePolicyName,
  validatePrefix,
  validateRegion,
  validateRoleName,
  validateServiceAccountName,
} from '../../src/config/field-rules';

describe('validateNamespace (RFC 1123 label)', () => {
  it.each(['billing', 'a', 'kube-system', '0team', 'a'.repeat(63)])('accepts %j', (value) => {
    expect(validateNamespace(value)).toBeUndefined();
  });

  it.each([
    ['', 'must not be empty'],
    ['Billing', 'RFC 1123 label'],
    ['-billing', 'RFC 1123 label'],
    ['billing-', 'RFC 1123 label'],
    ['bill_ing', 'RFC 1123 label'],
    ['bill.ing', 'RFC 1123 label'],
    ['a'.repeat(64), '1-63'],
    ['bill ing', 'RFC 1123 label'],
  ])('rejects %j with the rule and an example', (value, fragment) => {
    const message = validateNamespace(value);
    expect(message).toContain(fragment);
    expect(message).toContain('Example: billing');
  });
});

describe('validateServiceAccountName (RFC 1123 subdomain)', () => {
  const label63 = 'a'.repeat(63);
  it.each(['invoice-exporter', 'a', 'svc.v2', `${label63}.${label63}.${label63}.${'b'.repeat(61)}`])('accepts %j', (value) => {
    expect(validateServiceAccountName(value)).toBeUndefined();
  });

  it.each([
    ['', 'must not be empty'],
    ['Invoice', 'RFC 1123 subdomain'],
    ['svc..v2', 'RFC 1123 subdomain'],
    ['.svc', 'RFC 1123 subdomain'],
    ['svc-', 'RFC 1123 subdomain'],
    ['svc:admin', 'RFC 1123 subdomain'],
    ['*', 'RFC 1123 subdomain'],
    ['a'.repeat(254), 'at most 253'],
  ])('rejects %j', (value, fragment) => {
    const message = validateServiceAccountName(value);
    expect(message).toContain(fragment);
    expect(message).toContain('Example: invoice-exporter');
  });
});

describe('validateBucketName (S3 naming rules)', () => {
  it.each(['abc', 'acme-invoices', 'acme.invoices.eu', 'a'.repeat(63), '1bucket'])('accepts %j', (value) => {
    expect(validateBucketName(value)).toBeUndefined();
  });

  it.each([
    ['ab', '3-63'],
    ['a'.repeat(64), '3-63'],
    ['acme_invoices', 'lowercase'],
    ['-acme', 'start and end'],
    ['acme-', 'start and end'],
    ['acme..invoices', 'adjacent periods'],
    ['192.168.5.4', 'IP address'],
    ['xn--acme', 'prefix "xn--" is reserved'],
    ['sthree-acme', 'prefix "sthree-" is reserved'],
    ['amzn-s3-demo-acme', 'reserved'],
    ['acme-s3alias', 'suffix "-s3alias" is reserved'],
    ['acme--ol-s3', 'suffix "--ol-s3" is reserved'],
    ['acme.mrap', 'reserved'],
    ['acme--x-s3', 'reserved'],
    ['acme--table-s3', 'reserved'],
    ['acme/*', 'lowercase'],
  ])('rejects %j', (value, fragment) => {
    const message = validateBucketName(value);
    expect(message).toContain(fragment);
    expect(message).toContain('Example: acme-invoices');
  });

  it.each([
    ['Acme-Invoices', '"Acme-Invoices" is not a valid S3 bucket name: bucket names are lowercase. Example: acme-invoices'],
    ['s3://acme/x/', '"s3://acme/x/" is an S3 URL, not a bucket name: give the bucket name alone, and the folder "x/" as the prefix. Example: acme'],
    ['arn:aws-cn:s3:::acme', '"arn:aws-cn:s3:::acme" is an S3 ARN, not a bucket name: give the bucket name alone. Example: acme'],
  ])('rejects %j with the value to use instead', (value, message) => {
    expect(validateBucketName(value)).toBe(message);
  });
});

describe('validatePrefix (already normalized to a folder)', () => {
  it.each(['', 'exports/', 'a/b/c/', 'dépôt/', 'with space/', 'price$/', `${'a'.repeat(1023)}/`])('accepts %j', (value) => {
    expect(validatePrefix(value)).toBeUndefined();
  });

  it.each([
    ['exports/*', 'wildcards'],
    ['exp?rts/', 'wildcards'],
    ['${var.x}/', 'Terraform interpolation'],
    ['%{if x}/', 'Terraform interpolation'],
    ['a//b/', '"//"'],
    ['a/../b/', '".."'],
    ['./a/', '"."'],
    ['tab\there/', 'control characters'],
    ['new\nline/', 'control characters'],
    [`${'a'.repeat(1024)}/`, '1024 bytes'],
    [`${'é'.repeat(512)}/`, '1024 bytes'],
  ])('rejects %j', (value, fragment) => {
    const message = validatePrefix(value);
    expect(message).toContain(fragment);
    expect(message).toContain('Example: exports/');
  });
});

describe('validateClusterName (EKS rules)', () => {
  it.each(['payments', 'p', 'Prod_Cluster-2', '1st', 'a'.repeat(100)])('accepts %j', (value) => {
    expect(validateClusterName(value)).toBeUndefined();
  });
  it.each(['', '-payments', '_payments', 'pay.ments', 'pay ments', 'a'.repeat(101), '${x}'])('rejects %j', (value) => {
    expect(validateClusterName(value)).toContain('1-100 letters, digits, "-" or "_"');
  });
});

describe('validateRegion', () => {
  it.each(['eu-west-1', 'us-gov-west-1', 'cn-north-1', 'ap-southeast-3', 'us-iso-east-1', 'eusc-de-east-1'])('accepts %j', (value) => {
    expect(validateRegion(value)).toBeUndefined();
  });
  it.each(['', 'EU-WEST-1', 'eu-west', 'euwest1', 'eu west 1', 'eu-west-1a'])('rejects %j', (value) => {
    expect(validateRegion(value)).toContain('Example: eu-west-1');
  });
});

describe('validateOidcIssuer', () => {
  it.each([
    'https://oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF',
    'https://oidc.eks.cn-north-1.amazonaws.com.cn/id/ABC',
    'https://issuer.example.com',
  ])('accepts %j', (value) => {
    expect(validateOidcIssuer(value)).toBeUndefined();
  });
  it.each([
    ['http://oidc.eks.eu-west-1.amazonaws.com/id/X', 'must start with "https://"'],
    ['https://', 'not a URL'],
    ['https://user:pw@oidc.example.com/id/X', 'credentials'],
    ['https://oidc.example.com/id/X?x=1', 'query string'],
    ['https://oidc.example.com/id/X#frag', 'fragment'],
    ['https://oidc.example.com:8443/id/X', 'port'],
    ['https://OIDC.example.com/id/X', 'lowercase host'],
    ['https://oidc.example.com/id/${x}', 'lowercase host name followed by a path'],
    ['https://localhost/id/X', 'lowercase host name'],
  ])('rejects %j', (value, fragment) => {
    const message = validateOidcIssuer(value);
    expect(message).toContain(fragment);
    expect(message).toContain('Example: https://oidc.eks.');
  });
});

describe('IAM names', () => {
  it.each(['r', 'payments-billing+x=y,z.w@v_u', 'a'.repeat(64)])('role name %j is accepted', (value) => {
    expect(validateRoleName(value)).toBeUndefined();
  });
  it.each(['', 'a'.repeat(65), 'role name', 'role/name', 'rôle', 'role${x}'])('role name %j is rejected', (value) => {
    expect(validateRoleName(value)).toContain('1-64 letters');
  });
  it.each(['p', 'a'.repeat(128)])('policy name %j is accepted', (value) => {
    expect(validatePolicyName(value)).toBeUndefined();
  });
  it.each(['', 'a'.repeat(129), 'policy name', 'policy:s3'])('policy name %j is rejected', (value) => {
    expect(validatePolicyName(value)).toContain('1-128 letters');
  });
});
