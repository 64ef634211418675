package org.ownerless.origin.bucket;

import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;

/**
 * Every object readable by anyone, as a bucket policy granting public GetObject makes it on AWS or
 * MinIO. (s3proxy's in-memory store otherwise checks per-object ACLs, which the publisher does not
 * set: buckets with ACLs disabled, AWS's default, refuse them.)
 */
final class PublicReadBlobStore extends ForwardingBlobStore {
  PublicReadBlobStore(BlobStore delegate) {
    super(delegate);
  }

  @Override
  public ObjectCannedACL getBlobAccess(String container, String key) {
    return ObjectCannedACL.PUBLIC_READ;
  }

  @Override
  public ObjectCannedACL getBlobAccess(String container, String key, String versionId) {
    return ObjectCannedACL.PUBLIC_READ;
  }
}
