package dev.imagesearch.storage;

import java.util.concurrent.CompletionException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** What S3 answered, told apart from S3 being unreachable (which is never "not found"). */
final class S3Errors {
  private S3Errors() {}

  /** 412: the object exists; 409: a concurrent conditional write of the same key is under way. */
  static boolean isAlreadyThere(Throwable e) {
    S3Exception s3 = s3Error(e);
    return s3 != null && (s3.statusCode() == 412 || s3.statusCode() == 409);
  }

  static boolean isNotFound(Throwable e) {
    S3Exception s3 = s3Error(e);
    return s3 instanceof NoSuchKeyException
        || (s3 != null && s3.statusCode() == 404 && !(s3 instanceof NoSuchBucketException));
  }

  /** What S3 answered, unwrapped from the future's CompletionException; null for other errors. */
  private static S3Exception s3Error(Throwable e) {
    Throwable cause = e instanceof CompletionException ? e.getCause() : e;
    return cause instanceof S3Exception s3 ? s3 : null;
  }
}
