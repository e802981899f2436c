//! Connecting to a deploy target: the `object_store` client for its URL (S3 and
//! S3-compatible stores, Google Cloud Storage, Azure Blob), credentials from the environment
//! only, retries with back-off; and, for S3, the one request `object_store` does not make: an
//! upload with the store's own redirect (`x-amz-website-redirect-location`), signed as the
//! store's other requests are.

use crate::config::DeployTarget;
use object_store::aws::{AmazonS3, AmazonS3Builder, AwsAuthorizer};
use object_store::client::HttpRequestBody;
use object_store::prefix::PrefixStore;
use object_store::{BackoffConfig, ClientOptions, ObjectStore, RetryConfig};
use std::sync::Arc;
use std::time::Duration;

/// What a URL path segment keeps as it is (RFC 3986's unreserved characters), as S3's
/// signature expects.
const UNRESERVED: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// A connected target.
pub struct Target {
    pub store: Arc<dyn ObjectStore>,
    /// The S3 client and what a signed request of our own needs, for store redirects.
    s3: Option<S3Direct>,
    /// The folder inside the bucket (`katalog/`), or empty.
    prefix: String,
}

struct S3Direct {
    s3: AmazonS3,
    bucket: String,
    region: String,
    endpoint: Option<String>,
    http: reqwest::Client,
}

/// The parts of a target URL: `s3://bucket/folder` → (`s3`, `bucket`, `folder/`).
pub fn parse_url(url: &str) -> Result<(&str, &str, String), String> {
    let (scheme, rest) = url.split_once("://").ok_or_else(|| format!("`{url}` is not a URL"))?;
    let (bucket, folder) = rest.split_once('/').unwrap_or((rest, ""));
    if bucket.is_empty() {
        return Err(format!("`{url}` names no bucket"));
    }
    let folder = folder.trim_matches('/');
    let prefix = if folder.is_empty() { String::new() } else { format!("{folder}/") };
    Ok((scheme, bucket, prefix))
}

/// Connects to `target` (nothing is sent yet). `retry_for` bounds how long one request is
/// retried before the deploy gives up.
pub fn connect(target: &DeployTarget, retry_for: Duration) -> Result<Target, String> {
    // reqwest's rustls takes the process's crypto provider: ring, as ureq's. (rustls marks
    // it deprecated for lacking post-quantum key exchange, which only its aws-lc-rs provider
    // has: a C build of minutes that this crate avoids.)
    #[allow(deprecated)]
    let _ = rustls::crypto::ring::default_provider().install_default();
    let (scheme, bucket, prefix) = parse_url(&target.url)?;
    let retry = RetryConfig {
        backoff: BackoffConfig {
            init_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(10),
            base: 2.0,
        },
        max_retries: 8,
        retry_timeout: retry_for,
    };
    let local_http = target.endpoint.as_deref().is_some_and(|e| e.starts_with("http://"));
    let options = ClientOptions::new().with_allow_http(local_http);
    let fail = |e: object_store::Error| format!("target `{}`: {e}", target.name);
    let (inner, s3): (Arc<dyn ObjectStore>, Option<S3Direct>) = match scheme {
        "s3" => {
            let region = target
                .region
                .clone()
                .or_else(|| std::env::var("AWS_REGION").ok())
                .or_else(|| std::env::var("AWS_DEFAULT_REGION").ok())
                .unwrap_or_else(|| "us-east-1".into());
            let mut builder = AmazonS3Builder::from_env()
                .with_bucket_name(bucket)
                .with_region(&region)
                .with_retry(retry)
                .with_client_options(options);
            if let Some(endpoint) = &target.endpoint {
                builder = builder.with_endpoint(endpoint).with_allow_http(local_http);
            }
            let s3 = builder.build().map_err(fail)?;
            let direct = S3Direct {
                s3: s3.clone(),
                bucket: bucket.to_string(),
                region,
                endpoint: target.endpoint.clone(),
                http: reqwest::Client::builder().timeout(Duration::from_secs(60)).build().map_err(|e| e.to_string())?,
            };
            (Arc::new(s3), Some(direct))
        }
        "gs" => {
            let store = object_store::gcp::GoogleCloudStorageBuilder::from_env()
                .with_bucket_name(bucket)
                .with_retry(retry)
                .with_client_options(options)
                .build()
                .map_err(fail)?;
            (Arc::new(store), None)
        }
        "az" => {
            let store = object_store::azure::MicrosoftAzureBuilder::from_env()
                .with_container_name(bucket)
                .with_retry(retry)
                .with_client_options(options)
                .build()
                .map_err(fail)?;
            (Arc::new(store), None)
        }
        other => return Err(format!("target `{}`: unknown store `{other}://`", target.name)),
    };
    let store: Arc<dyn ObjectStore> =
        if prefix.is_empty() { inner } else { Arc::new(PrefixStore::new(inner, prefix.trim_end_matches('/'))) };
    Ok(Target { store, s3, prefix })
}

impl Target {
    /// Whether the store can redirect by itself (S3).
    pub fn has_store_redirects(&self) -> bool {
        self.s3.is_some()
    }

    /// Uploads `bytes` at `path` with a store redirect to `location` (S3 website endpoints
    /// answer requests for it with a 301), plus its type and caching.
    pub async fn put_with_redirect(
        &self,
        path: &str,
        bytes: Vec<u8>,
        content_type: &str,
        cache_control: &str,
        location: &str,
    ) -> Result<(), String> {
        let direct = self.s3.as_ref().ok_or("store redirects need an s3:// target")?;
        let key = format!("{}{path}", self.prefix);
        let encoded_key: String = key
            .split('/')
            .map(|segment| percent_encoding::utf8_percent_encode(segment, UNRESERVED).to_string())
            .collect::<Vec<_>>()
            .join("/");
        let url = match &direct.endpoint {
            Some(endpoint) => format!("{}/{}/{encoded_key}", endpoint.trim_end_matches('/'), direct.bucket),
            None => format!("https://{}.s3.{}.amazonaws.com/{encoded_key}", direct.bucket, direct.region),
        };
        let credential = object_store::CredentialProvider::get_credential(direct.s3.credentials().as_ref())
            .await
            .map_err(|e| e.to_string())?;
        let mut attempt = 0;
        loop {
            let mut request = http::Request::builder()
                .method("PUT")
                .uri(&url)
                .header("content-type", content_type)
                .header("cache-control", cache_control)
                .header("x-amz-website-redirect-location", location)
                .header("content-length", bytes.len())
                .body(HttpRequestBody::from(bytes.clone()))
                .map_err(|e| e.to_string())?;
            AwsAuthorizer::new(&credential, "s3", &direct.region)
                .try_authorize(&mut request, None)
                .map_err(|e| e.to_string())?;
            let (parts, _) = request.into_parts();
            let sent = direct.http.put(&url).headers(parts.headers).body(bytes.clone()).send().await;
            let failure = match sent {
                Ok(response) if response.status().is_success() => return Ok(()),
                Ok(response) if response.status().is_client_error() => {
                    let status = response.status();
                    let body = response.text().await.unwrap_or_default();
                    return Err(format!("PUT {path} with a redirect: {status}: {}", body.trim()));
                }
                Ok(response) => format!("{}", response.status()),
                Err(e) => e.to_string(),
            };
            attempt += 1;
            if attempt > 4 {
                return Err(format!("PUT {path} with a redirect: {failure}"));
            }
            tokio::time::sleep(Duration::from_millis(200 << attempt)).await;
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn target_urls_split_into_store_bucket_and_folder() {
        assert_eq!(super::parse_url("s3://katalog"), Ok(("s3", "katalog", String::new())));
        assert_eq!(super::parse_url("gs://b/katalog/"), Ok(("gs", "b", "katalog/".into())));
        assert_eq!(super::parse_url("az://c/a/b"), Ok(("az", "c", "a/b/".into())));
        assert!(super::parse_url("s3://").is_err());
        assert!(super::parse_url("katalog").is_err());
    }
}
