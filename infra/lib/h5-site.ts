/**
 * Optional static hosting of the H5 build (miniapp/dist/h5): a private S3
 * bucket behind CloudFront (origin access control). The H5 build calls the
 * API on its own origin (`API_BASE` is '' for h5 in miniapp/config), so the
 * distribution sends `/api/*` to the HTTP API, uncached, with every viewer
 * header (Authorization included) except Host: no CORS needed for H5.
 * Both behaviours answer with the security headers (CSP, HSTS, nosniff,
 * Referrer-Policy, X-Frame-Options) of shared/src/security-headers.ts, which
 * the local gateway sends too, so the browser tests run the app under them.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { H5_CSP, HSTS_MAX_AGE_SECONDS } from '@whistle/shared';

export interface H5SiteProps {
  /** host name of the HTTP API's default endpoint (`<id>.execute-api.<region>.amazonaws.com`) */
  apiHost: string;
  /** the built site; nothing is uploaded when undefined */
  distDir: string | undefined;
  removalPolicy: RemovalPolicy;
}

export class H5Site extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  readonly securityHeaders: cloudfront.ResponseHeadersPolicy;
  /** whether the build folder existed and is uploaded */
  readonly deployed: boolean;

  constructor(scope: Construct, id: string, props: H5SiteProps) {
    super(scope, id);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // prod: retained. Elsewhere the deployments delete their files on stack deletion,
      // so the (then empty) bucket can be deleted too.
      removalPolicy: props.removalPolicy,
    });
    this.securityHeaders = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Whistle H5: CSP, HSTS, nosniff, Referrer-Policy, X-Frame-Options',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: H5_CSP, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.seconds(HSTS_MAX_AGE_SECONDS), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
      },
    });
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Whistle H5',
      defaultRootObject: 'index.html',
      priceClass: cloudfront.PriceClass.PRICE_CLASS_200,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.securityHeaders,
        compress: true,
      },
      additionalBehaviors: {
        '/api/*': {
          origin: new origins.HttpOrigin(props.apiHost, {
            protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
            originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
          }),
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: this.securityHeaders,
          compress: true,
        },
      },
    });

    this.deployed = props.distDir !== undefined;
    if (props.distDir !== undefined) {
      const source = [s3deploy.Source.asset(props.distDir)];
      // outside prod, deleting the stack deletes the uploaded files, so the bucket can go too
      const retainOnDelete = props.removalPolicy === RemovalPolicy.RETAIN;
      // everything but index.html: cached a day (and invalidated on each deploy)
      new s3deploy.BucketDeployment(this, 'Assets', {
        sources: source,
        destinationBucket: this.bucket,
        exclude: ['index.html'],
        cacheControl: [s3deploy.CacheControl.fromString('public, max-age=86400')],
        distribution: this.distribution,
        distributionPaths: ['/*'],
        retainOnDelete,
      });
      // index.html: always revalidated, so a new build shows up at once
      new s3deploy.BucketDeployment(this, 'Index', {
        sources: source,
        destinationBucket: this.bucket,
        exclude: ['*'],
        include: ['index.html'],
        prune: false,
        retainOnDelete,
        cacheControl: [s3deploy.CacheControl.noCache()],
      });
    }
  }
}
