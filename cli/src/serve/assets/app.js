// filled in step 3
